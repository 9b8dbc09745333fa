package dev.steward.workflows.task;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and bounded retry policies of the task's step activities.
 *
 * <p>The do-not-retry lists name concrete classes: Temporal matches the failure's type name
 * exactly, so a subclass of a listed exception would still be retried.
 */
final class TaskActivityOptions {

  private static final String UNKNOWN_TASK_TYPE = UnknownTaskTypeException.class.getName();
  private static final String MODEL_REJECTED = ModelRequestRejectedException.class.getName();
  private static final String ILLEGAL_ARGUMENT = IllegalArgumentException.class.getName();

  static final ActivityOptions SCREENING =
      step(Duration.ofSeconds(30), 5, UNKNOWN_TASK_TYPE, MODEL_REJECTED, ILLEGAL_ARGUMENT);

  static final ActivityOptions RETRIEVAL =
      step(Duration.ofSeconds(30), 5, UNKNOWN_TASK_TYPE, ILLEGAL_ARGUMENT);

  /** Model calls are slow and cost money per attempt, so they get a longer timeout, fewer tries. */
  static final ActivityOptions REASONING =
      step(Duration.ofMinutes(2), 3, UNKNOWN_TASK_TYPE, MODEL_REJECTED, ILLEGAL_ARGUMENT);

  static final ActivityOptions VALIDATION =
      step(Duration.ofSeconds(30), 5, UNKNOWN_TASK_TYPE, ILLEGAL_ARGUMENT);

  static final ActivityOptions ACTION =
      step(Duration.ofMinutes(1), 5, UNKNOWN_TASK_TYPE, ILLEGAL_ARGUMENT);

  static final ActivityOptions READ_MODEL = step(Duration.ofSeconds(10), 5, ILLEGAL_ARGUMENT);

  private TaskActivityOptions() {}

  private static ActivityOptions step(
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
}
