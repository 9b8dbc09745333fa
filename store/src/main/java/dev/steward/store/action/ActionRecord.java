package dev.steward.store.action;

import java.util.Map;

/** The record of a task's executed side effect; one per task id. */
public record ActionRecord(
    String taskId,
    String tenant,
    String actionKind,
    Map<String, Object> payload,
    long executedAtMillis) {}
