package dev.steward.workflows.task;

import java.util.Map;

/**
 * What the API starts a task with: the caller's identity and the task type's policy, pinned for the
 * life of the run so that a later change of the YAML never alters a running task.
 */
public record TaskRequest(
    String taskId,
    String tenant,
    String taskType,
    String requestedBy,
    Map<String, Object> input,
    TaskPolicy policy) {}
