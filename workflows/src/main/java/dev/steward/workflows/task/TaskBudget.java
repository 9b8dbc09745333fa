package dev.steward.workflows.task;

import java.time.Duration;
import java.util.Locale;

/**
 * Latency deadline and cost ceiling of one task, checked before each model call and between steps,
 * and what the task does when it breaks them.
 */
public record TaskBudget(Duration deadline, double maxCostUsd, OnBreach onBreach) {

  /** What a task does over budget. */
  public enum OnBreach {
    /** End the task FAILED with the reason. */
    STOP,
    /** Go on with the cheaper {@code small} tier; stop when already there. */
    DEGRADE,
    /** Wait for an approver to allow the extra spend (or time); rejected or expired: stop. */
    ASK_APPROVAL
  }

  public TaskBudget {
    onBreach = onBreach == null ? OnBreach.STOP : onBreach;
  }

  public TaskBudget(Duration deadline, double maxCostUsd) {
    this(deadline, maxCostUsd, OnBreach.STOP);
  }

  /**
   * The reason a task with this cost and elapsed time is over budget, or null. A non-positive cost
   * ceiling means no ceiling (a task type that sets only a deadline), and a null deadline means no
   * deadline.
   */
  public String violation(double costUsd, long elapsedMillis) {
    if (maxCostUsd > 0 && costUsd > maxCostUsd) {
      return String.format(Locale.ROOT, "cost budget exceeded: $%.4f > $%.4f", costUsd, maxCostUsd);
    }
    if (deadline != null && elapsedMillis > deadline.toMillis()) {
      return "latency budget exceeded: " + Duration.ofMillis(elapsedMillis) + " > " + deadline;
    }
    return null;
  }
}
