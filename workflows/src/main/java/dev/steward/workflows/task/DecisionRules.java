package dev.steward.workflows.task;

import java.util.Objects;

/**
 * Who may decide a pending task, and when: the checks behind the decision Update's validator. A
 * refusal throws; Temporal then rejects the Update without writing it to history.
 */
final class DecisionRules {

  private DecisionRules() {}

  /**
   * @param request the task's request, or null before the run started
   * @param decision the decision already recorded, or null
   * @throws IllegalArgumentException when this caller may not decide (identity, role, tenant)
   * @throws IllegalStateException when the task is not waiting for a decision
   */
  static void check(
      TaskRequest request, TaskStatus status, DecisionRecord decision, DecisionRequest d) {
    if (request == null) {
      throw new IllegalStateException("the task has not started yet");
    }
    if (d == null || d.verdict() == null) {
      throw new IllegalArgumentException("a decision needs a verdict: APPROVE or REJECT");
    }
    if (d.approver() == null || d.approver().isBlank()) {
      throw new IllegalArgumentException("a decision needs an approver");
    }
    if (d.approverRoles() == null || !d.approverRoles().contains(DecisionRequest.APPROVER_ROLE)) {
      throw new IllegalArgumentException(
          d.approver() + " lacks the role '" + DecisionRequest.APPROVER_ROLE + "'");
    }
    // The message names the approver's tenant only: the task's tenant is not theirs to learn.
    if (!Objects.equals(request.tenant(), d.approverTenant())) {
      throw new IllegalArgumentException(
          "an approver of tenant '" + d.approverTenant() + "' cannot decide another tenant's task");
    }
    if (d.approver().equals(request.requestedBy())) {
      throw new IllegalArgumentException("a requester cannot approve its own task");
    }
    if (decision != null) {
      throw new IllegalStateException(
          "a decision was already made: " + decision.verdict() + " by " + decision.decidedBy());
    }
    if (status != TaskStatus.AWAITING_APPROVAL) {
      throw new IllegalStateException("the task is not awaiting approval; its status is " + status);
    }
  }
}
