package dev.steward.workflows.task;

import static dev.steward.workflows.StepOptions.step;

import io.temporal.activity.ActivityOptions;
import java.time.Duration;

/**
 * Timeouts and bounded retry policies of the task's step activities. See {@link
 * dev.steward.workflows.StepOptions}.
 */
final class TaskActivityOptions {

  private static final String UNKNOWN_TASK_TYPE = UnknownTaskTypeException.class.getName();
  private static final String MODEL_REJECTED = ModelRequestRejectedException.class.getName();
  private static final String ILLEGAL_ARGUMENT = IllegalArgumentException.class.getName();
  private static final String OVER_BUDGET = BudgetExceededException.class.getName();

  static final ActivityOptions SCREENING =
      step(Duration.ofSeconds(30), 5, UNKNOWN_TASK_TYPE, MODEL_REJECTED, ILLEGAL_ARGUMENT);

  /** Short: a search answers in milliseconds, and a task may go on ungrounded when it cannot. */
  static final ActivityOptions RETRIEVAL =
      step(Duration.ofSeconds(15), 5, UNKNOWN_TASK_TYPE, ILLEGAL_ARGUMENT);

  /** Model calls are slow and cost money per attempt, so they get a longer timeout, fewer tries. */
  static final ActivityOptions REASONING =
      step(
          Duration.ofMinutes(2),
          3,
          UNKNOWN_TASK_TYPE,
          MODEL_REJECTED,
          OVER_BUDGET,
          ILLEGAL_ARGUMENT);

  /** A small-model call: quicker than reasoning, same permanent errors. */
  static final ActivityOptions CLASSIFICATION =
      step(
          Duration.ofSeconds(60),
          3,
          UNKNOWN_TASK_TYPE,
          MODEL_REJECTED,
          OVER_BUDGET,
          ILLEGAL_ARGUMENT);

  static final ActivityOptions VALIDATION =
      step(Duration.ofSeconds(30), 5, UNKNOWN_TASK_TYPE, ILLEGAL_ARGUMENT);

  static final ActivityOptions ACTION =
      step(Duration.ofMinutes(1), 5, UNKNOWN_TASK_TYPE, ILLEGAL_ARGUMENT);

  /**
   * A reminder or escalation notice: short and bounded, since a notice that cannot be delivered is
   * recorded and the request waits on regardless.
   */
  static final ActivityOptions NOTIFY = step(Duration.ofSeconds(30), 5, ILLEGAL_ARGUMENT);

  /** A registry lookup: quick, and a task cannot draft without its prompt. */
  static final ActivityOptions PROMPT =
      step(Duration.ofSeconds(15), 5, UNKNOWN_TASK_TYPE, ILLEGAL_ARGUMENT);

  /**
   * Read-model writes do not hold the task up (they run asynchronously), so they may retry for
   * long: an Elasticsearch outage of up to a day leaves the read model behind, never wrong.
   */
  static final ActivityOptions READ_MODEL =
      ActivityOptions.newBuilder(step(Duration.ofSeconds(10), Integer.MAX_VALUE, ILLEGAL_ARGUMENT))
          .setScheduleToCloseTimeout(Duration.ofDays(1))
          .build();

  private TaskActivityOptions() {}
}
