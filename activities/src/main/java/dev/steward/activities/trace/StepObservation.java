package dev.steward.activities.trace;

import dev.steward.workflows.task.TaskRequest;
import java.time.Instant;

/**
 * What the interceptor saw of one step attempt, raw: turned into a {@link TraceRecord} off the
 * step's thread, so that extraction and redaction never slow the step down.
 *
 * @param request the step's first argument, or null
 * @param result what the step returned; null when it threw or returns nothing
 * @param error what the step threw, or null
 * @param task the workflow's own request, where the interceptor saw it (decisions); else null
 */
record StepObservation(
    String taskId,
    String runId,
    String step,
    int attempt,
    Instant startedAt,
    long latencyMillis,
    Object request,
    Object result,
    Throwable error,
    TaskRequest task) {}
