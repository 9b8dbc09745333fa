package dev.steward.api.problem;

import java.io.IOException;

/**
 * A request body grew past its limit while being read; an {@link IOException} so that it passes
 * through the JSON reader and reaches {@link ProblemHandler} as the cause of the read failure.
 */
public class RequestBodyTooLargeException extends IOException {
  public RequestBodyTooLargeException(String message) {
    super(message);
  }
}
