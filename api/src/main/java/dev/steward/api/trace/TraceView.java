package dev.steward.api.trace;

import dev.steward.store.trace.TraceDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One trace record as the API shows it: a step attempt, an approver's decision or the requester's
 * feedback. Texts (errors, verdict texts, comments) are PII-redacted.
 */
record TraceView(
    String id,
    String kind,
    String taskId,
    String runId,
    String tenant,
    String taskType,
    String step,
    int attempt,
    Integer taskAttempt,
    String promptId,
    Integer promptVersion,
    String promptLabel,
    String provider,
    String model,
    long tokensIn,
    long tokensOut,
    double costUsd,
    long latencyMillis,
    Map<String, String> verdicts,
    String outcome,
    String error,
    Integer rating,
    String comment,
    Instant timestamp) {

  static TraceView of(TraceDocument d) {
    return new TraceView(
        d.id(),
        d.kind(),
        d.taskId(),
        d.runId(),
        d.tenant(),
        d.taskType(),
        d.step(),
        d.attempt(),
        d.taskAttempt(),
        d.promptId(),
        d.promptVersion(),
        d.promptLabel(),
        d.provider(),
        d.model(),
        d.tokensIn(),
        d.tokensOut(),
        d.costUsd(),
        d.latencyMillis(),
        d.verdicts(),
        d.outcome(),
        d.error(),
        d.rating(),
        d.comment(),
        d.timestamp());
  }

  static List<TraceView> of(List<TraceDocument> documents) {
    return documents.stream().map(TraceView::of).toList();
  }
}
