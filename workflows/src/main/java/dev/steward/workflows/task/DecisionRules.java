package dev.steward.workflows.task;

import java.util.List;
import java.util.Objects;

/**
 * Who may decide a pending task, and when: the checks behind the decision Update's validator. A
 * refusal throws; Temporal then rejects the Update without writing it to history.
 */
final class DecisionRules {

  private DecisionRules() {}

  /**
   * @param request the task's request, or null before the run started
   * @param pending the approval request open now, or null
   * @param lastOutcome the decision that closed the latest approval request, or null
   * @throws IllegalArgumentException when this caller may not make this decision (identity, role,
   *     tenant, own task, approving twice, no action hash)
   * @throws StaleActionException when the decision quotes another action than the pending one
   * @throws IllegalStateException when the task is not waiting for a decision
   */
  static void check(
      TaskRequest request,
      TaskStatus status,
      PendingApproval pending,
      DecisionRecord lastOutcome,
      DecisionRequest d) {
    if (request == null) {
      throw new IllegalStateException("the task has not started yet");
    }
    if (d == null || d.verdict() == null) {
      throw new IllegalArgumentException("a decision needs a verdict: APPROVE or REJECT");
    }
    if (d.approver() == null || d.approver().isBlank()) {
      throw new IllegalArgumentException("a decision needs an approver");
    }
    List<String> roles =
        pending == null ? List.of(DecisionRequest.APPROVER_ROLE) : pending.deciderRoles();
    if (d.approverRoles() == null || roles.stream().noneMatch(d.approverRoles()::contains)) {
      throw new IllegalArgumentException(
          d.approver() + " lacks the role '" + String.join("' or '", roles) + "'");
    }
    // The message names the approver's tenant only: the task's tenant is not theirs to learn.
    if (!Objects.equals(request.tenant(), d.approverTenant())) {
      throw new IllegalArgumentException(
          "an approver of tenant '" + d.approverTenant() + "' cannot decide another tenant's task");
    }
    if (d.approver().equals(request.requestedBy())) {
      throw new IllegalArgumentException("a requester cannot approve its own task");
    }
    if (pending == null && lastOutcome != null) {
      throw new IllegalStateException(
          "a decision was already made: "
              + lastOutcome.verdict()
              + " by "
              + lastOutcome.decidedBy());
    }
    if (status != TaskStatus.AWAITING_APPROVAL || pending == null) {
      throw new IllegalStateException("the task is not awaiting approval; its status is " + status);
    }
    checkAction(pending, d);
    if (pending.approvals().stream().anyMatch(a -> a.decidedBy().equals(d.approver()))) {
      throw new IllegalArgumentException(
          d.approver() + " has already approved; another approver must decide");
    }
  }

  /** An approval must name the action it allows; a rejection is checked only when it names one. */
  private static void checkAction(PendingApproval pending, DecisionRequest d) {
    String quoted = d.actionHash() == null || d.actionHash().isBlank() ? null : d.actionHash();
    if (quoted == null) {
      if (d.verdict() == DecisionRequest.Verdict.APPROVE) {
        throw new IllegalArgumentException(
            "an approval needs the actionHash of the pending approval");
      }
      return;
    }
    if (!quoted.strip().equalsIgnoreCase(pending.actionHash())) {
      throw new StaleActionException("the proposed action changed; reload and decide again");
    }
  }
}
