package dev.steward.workflows.task;

/** The model provider refused the request itself (auth, invalid request); retrying cannot help. */
public class ModelRequestRejectedException extends RuntimeException {
  public ModelRequestRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
