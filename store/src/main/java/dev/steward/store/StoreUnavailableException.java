package dev.steward.store;

/** Elasticsearch could not be reached; the caller may retry. */
public class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
