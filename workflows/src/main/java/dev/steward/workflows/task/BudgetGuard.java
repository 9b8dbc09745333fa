package dev.steward.workflows.task;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/**
 * A task's budget as the workflow applies it: the ceiling model calls are held to, whether the task
 * is over budget, and what its breach policy says to do. Pure and deterministic: the caller passes
 * the time and the spend.
 */
final class BudgetGuard {

  /** What to do about a breach. */
  enum Action {
    /** Go on, on {@link Response#tier()}. */
    CONTINUE,
    /** Ask an approver to allow the overrun. */
    ASK_APPROVAL,
    /** End the task FAILED with {@link Response#message()}. */
    STOP
  }

  /** The breach policy's answer; {@code message} is a warning (CONTINUE) or the reason (STOP). */
  record Response(Action action, String tier, String message) {}

  private final TaskBudget budget;
  private double ceiling;
  private boolean waived;

  BudgetGuard(TaskBudget budget) {
    this.budget = budget;
    this.ceiling = budget == null ? 0 : budget.maxCostUsd();
  }

  /** The cost ceiling for the next model call; 0 = none (no budget, or an approved overrun). */
  double ceiling() {
    return ceiling;
  }

  double maxCostUsd() {
    return budget == null ? 0 : budget.maxCostUsd();
  }

  /** Why the task is over budget, or null. */
  String violation(double spentUsd, long elapsedMillis) {
    return budget == null || waived ? null : budget.violation(spentUsd, elapsedMillis);
  }

  /**
   * The policy's answer to a breach.
   *
   * @param afterCall the breach was found after a call: its draft is paid for and may be used
   */
  Response onBreach(String why, boolean afterCall, String tier) {
    return switch (budget.onBreach()) {
      case DEGRADE -> {
        if (!TaskWorkflowImpl.SMALL_TIER.equals(tier)) {
          yield new Response(
              Action.CONTINUE, TaskWorkflowImpl.SMALL_TIER, why + "; degraded to the small tier");
        }
        yield afterCall
            ? new Response(Action.CONTINUE, tier, why + "; already on the small tier")
            : new Response(Action.STOP, tier, why + "; no cheaper tier is left");
      }
      case ASK_APPROVAL -> new Response(Action.ASK_APPROVAL, tier, why);
      case STOP -> new Response(Action.STOP, tier, why);
    };
  }

  /** An approver allowed the overrun: no ceiling and no further breaches for this task. */
  void waive() {
    waived = true;
    ceiling = 0;
  }

  /** Whether a step failed because a model call would not fit the budget. */
  static boolean isRefusal(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure failure
        && BudgetExceededException.class.getName().equals(failure.getType());
  }
}
