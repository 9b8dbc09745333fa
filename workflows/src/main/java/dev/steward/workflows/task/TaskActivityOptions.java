package dev.steward.workflows.task;

import static dev.steward.workflows.StepOptions.step;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import java.time.Duration;

/**
 * Timeouts and bounded retry policies of the task's step activities. See {@link
 * dev.steward.workflows.StepOptions}.
 *
 * <p>Each step also has a heartbeat timeout ({@link #HEARTBEAT}). The worker heartbeats for every
 * running activity on its own (the worker module's ActivityHeartbeats), so a step's code never has
 * to: the heartbeat says the worker process is alive, not that the step makes progress. When a
 * worker dies (kill -9, a lost host), Temporal retries its steps elsewhere within that timeout
 * instead of waiting out start-to-close, which must stay long for slow model calls (a killed draft
 * would otherwise wait 2 minutes). A hung step on a live worker is still ended by start-to-close.
 */
final class TaskActivityOptions {

  /**
   * Long enough for a worker under load to get a heartbeat through (it sends one every 2 s), short
   * enough that a task stalls seconds, not minutes, when its worker dies.
   */
  static final Duration HEARTBEAT = Duration.ofSeconds(10);

  private static final String UNKNOWN_TASK_TYPE = UnknownTaskTypeException.class.getName();
  private static final String MODEL_REJECTED = ModelRequestRejectedException.class.getName();
  private static final String ILLEGAL_ARGUMENT = IllegalArgumentException.class.getName();
  private static final String OVER_BUDGET = BudgetExceededException.class.getName();

  static final ActivityOptions SCREENING =
      live(step(Duration.ofSeconds(30), 5, UNKNOWN_TASK_TYPE, MODEL_REJECTED, ILLEGAL_ARGUMENT));

  /** Short: a search answers in milliseconds, and a task may go on ungrounded when it cannot. */
  static final ActivityOptions RETRIEVAL =
      live(step(Duration.ofSeconds(15), 5, UNKNOWN_TASK_TYPE, ILLEGAL_ARGUMENT));

  /** Model calls are slow and cost money per attempt, so they get a longer timeout, fewer tries. */
  static final ActivityOptions REASONING =
      live(
          step(
              Duration.ofMinutes(2),
              3,
              UNKNOWN_TASK_TYPE,
              MODEL_REJECTED,
              OVER_BUDGET,
              ILLEGAL_ARGUMENT));

  /** A small-model call: quicker than reasoning, same permanent errors. */
  static final ActivityOptions CLASSIFICATION =
      live(
          step(
              Duration.ofSeconds(60),
              3,
              UNKNOWN_TASK_TYPE,
              MODEL_REJECTED,
              OVER_BUDGET,
              ILLEGAL_ARGUMENT));

  static final ActivityOptions VALIDATION =
      live(step(Duration.ofSeconds(30), 5, UNKNOWN_TASK_TYPE, ILLEGAL_ARGUMENT));

  static final ActivityOptions ACTION =
      live(step(Duration.ofMinutes(1), 5, UNKNOWN_TASK_TYPE, ILLEGAL_ARGUMENT));

  /**
   * A reminder or escalation notice: short and bounded, since a notice that cannot be delivered is
   * recorded and the request waits on regardless.
   */
  static final ActivityOptions NOTIFY = step(Duration.ofSeconds(30), 5, ILLEGAL_ARGUMENT);

  /** A registry lookup: quick, and a task cannot draft without its prompt. */
  static final ActivityOptions PROMPT =
      live(step(Duration.ofSeconds(15), 5, UNKNOWN_TASK_TYPE, ILLEGAL_ARGUMENT));

  /**
   * Read-model writes do not hold the task up (they run asynchronously), so they may retry for
   * long: an Elasticsearch outage of up to a day leaves the read model behind, never wrong.
   */
  static final ActivityOptions READ_MODEL =
      ActivityOptions.newBuilder(step(Duration.ofSeconds(10), Integer.MAX_VALUE, ILLEGAL_ARGUMENT))
          .setScheduleToCloseTimeout(Duration.ofDays(1))
          .build();

  /**
   * Screening, prompt resolution and validation as local activities (version 1 of {@code
   * local-checks}): each is a short, retry-safe read or an idempotent write, with no model call, so
   * running it inside the workflow task saves the activity task's two server round trips and its
   * three history events. Same timeouts and retry policy as the activity forms. A worker that dies
   * in one loses the workflow task, and the next worker runs the step again after the workflow task
   * timeout (10 s), as a heartbeat timeout would have.
   */
  static final LocalActivityOptions LOCAL_SCREENING = local(SCREENING);

  static final LocalActivityOptions LOCAL_PROMPT = local(PROMPT);

  static final LocalActivityOptions LOCAL_VALIDATION = local(VALIDATION);

  private static LocalActivityOptions local(ActivityOptions options) {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(options.getStartToCloseTimeout())
        .setRetryOptions(options.getRetryOptions())
        .build();
  }

  private static ActivityOptions live(ActivityOptions options) {
    return ActivityOptions.newBuilder(options).setHeartbeatTimeout(HEARTBEAT).build();
  }

  private TaskActivityOptions() {}
}
