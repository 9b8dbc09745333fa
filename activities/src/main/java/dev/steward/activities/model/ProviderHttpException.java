package dev.steward.activities.model;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;

/** A provider's non-2xx answer, keeping the Retry-After that LangChain4j's own client drops. */
public class ProviderHttpException extends HttpException {

  private final transient Duration retryAfter;

  public ProviderHttpException(int statusCode, String body, Duration retryAfter) {
    super(statusCode, body);
    this.retryAfter = retryAfter;
  }

  /** How long the provider asked us to wait, or null when it did not say. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
