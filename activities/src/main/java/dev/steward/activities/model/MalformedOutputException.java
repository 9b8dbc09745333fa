package dev.steward.activities.model;

/** A model answered, but not with the JSON object that was asked for. */
public class MalformedOutputException extends RuntimeException {
  public MalformedOutputException(String message) {
    super(message);
  }
}
