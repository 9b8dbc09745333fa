package dev.steward.workflows.task;

import java.util.Set;

/**
 * A decision as the API sends it: the approver's identity is the authenticated principal, never a
 * field a client can type.
 *
 * @param actionHash the {@link PendingApproval#actionHash()} the approver saw; required to approve,
 *     optional to reject (a rejection executes nothing), and checked whenever it is given
 */
public record DecisionRequest(
    String approver,
    String approverTenant,
    Set<String> approverRoles,
    Verdict verdict,
    String comment,
    String actionHash) {

  /** Role that may decide pending tasks of its own tenant. */
  public static final String APPROVER_ROLE = "approver";

  /** What an approver decided. */
  public enum Verdict {
    APPROVE,
    REJECT
  }
}
