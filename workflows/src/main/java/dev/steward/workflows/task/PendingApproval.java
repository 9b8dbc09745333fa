package dev.steward.workflows.task;

import java.util.Map;

/** The proposed action an approver is asked to decide on, with the rule that asked. */
public record PendingApproval(
    String actionKind,
    Map<String, Object> proposedAction,
    double amount,
    double threshold,
    long requestedAtMillis,
    long expiresAtMillis) {}
