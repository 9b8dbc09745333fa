package dev.steward.workflows.task;

import java.time.Duration;
import java.util.Locale;

/** Latency deadline and cost ceiling of one task; checked between steps. */
public record TaskBudget(Duration deadline, double maxCostUsd) {

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
