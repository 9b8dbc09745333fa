package dev.steward.workflows.task;

import java.util.List;
import java.util.Map;

/**
 * The proposed action an approver is asked to decide on, exactly as it would be executed, with the
 * rules that asked and where the request stands.
 *
 * @param actionHash SHA-256 (hex) of the canonical JSON of kind and payload (see {@link
 *     ActionHash}); an approval must quote it, so nobody approves an action they did not see
 * @param reasons why approval is needed (amount, risk, grounding, budget)
 * @param amount the number the amount rule compared with {@code threshold}, or null when there is
 *     none or it was unreadable (such an action always waits for an approver)
 * @param approvalsRequired distinct approvals needed (1, or 2 under the two-approver rule)
 * @param approvals the approvals given so far
 * @param deciderRoles the roles that may decide now; the escalation role joins after escalation
 * @param escalatesAtMillis when the request escalates; {@link Long#MAX_VALUE} when it never does
 * @param expiresAtMillis when the request expires; {@link Long#MAX_VALUE} when it never does
 */
public record PendingApproval(
    String actionKind,
    Map<String, Object> proposedAction,
    String actionHash,
    List<String> reasons,
    Double amount,
    double threshold,
    int approvalsRequired,
    List<DecisionRecord> approvals,
    List<String> deciderRoles,
    boolean escalated,
    long requestedAtMillis,
    long escalatesAtMillis,
    long expiresAtMillis) {}
