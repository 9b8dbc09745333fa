package dev.steward.store.model;

import java.util.Map;

/**
 * A journal entry: the answer of a finished model call, as the step's result.
 *
 * @param answer the step's result as JSON (the model's output and the call's tokens and cost)
 */
public record ModelCallRecord(
    String taskId, String step, int attempt, Map<String, Object> answer, long recordedAtMillis) {}
