package dev.steward.workflows.task;

/** Proof that a task's side effect ran; {@code firstExecution} is false on an idempotent repeat. */
public record ActionReceipt(
    String actionId, String actionKind, boolean firstExecution, long executedAtMillis) {}
