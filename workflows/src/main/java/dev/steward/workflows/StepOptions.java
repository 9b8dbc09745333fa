package dev.steward.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * How Steward's workflows run their steps: a start-to-close timeout, bounded exponential retries,
 * and a do-not-retry list. Temporal matches those class names exactly, so each list names the
 * concrete permanent exception classes; a subclass of a listed class would still be retried.
 */
public final class StepOptions {

  private StepOptions() {}

  public static ActivityOptions step(
      Duration startToClose, int maxAttempts, String... permanentExceptions) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(maxAttempts)
                .setDoNotRetry(permanentExceptions)
                .build())
        .build();
  }

  /** The message of the exception the step threw, without Temporal's wrapping. */
  public static String failureMessage(ActivityFailure e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    return cause == null ? e.getMessage() : cause.getMessage();
  }
}
