package dev.steward.workflows.task;

import java.util.Map;

/**
 * The proposed action an approver is asked to decide on, with the rule that asked.
 *
 * @param amount the number the rule compared with {@code threshold}, or null when the output had no
 *     readable amount (such an action always waits for an approver)
 */
public record PendingApproval(
    String actionKind,
    Map<String, Object> proposedAction,
    Double amount,
    double threshold,
    long requestedAtMillis,
    long expiresAtMillis) {}
