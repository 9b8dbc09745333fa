package dev.steward.store.trace;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A trace record as stored in a daily {@code steward-traces-*} index: one step attempt of a task,
 * or the requester's feedback on it. Texts are redacted before they get here.
 *
 * @param kind {@code STEP} or {@code FEEDBACK}
 * @param outcome {@code OK} or {@code ERROR}
 * @param verdicts what the step decided, by name, as shown to readers
 * @param verdictTerms the short verdicts as {@code name=value} terms, for exact search
 * @param rating 1 (poor) to 5 (excellent) for feedback; null for steps
 */
public record TraceDocument(
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
    List<String> verdictTerms,
    String outcome,
    String error,
    Integer rating,
    String comment,
    Instant timestamp) {

  public static final String STEP = "STEP";
  public static final String FEEDBACK = "FEEDBACK";

  public TraceDocument {
    verdicts = verdicts == null ? Map.of() : verdicts;
    verdictTerms = verdictTerms == null ? List.of() : List.copyOf(verdictTerms);
  }

  /**
   * Longest verdict value that is searchable as a term; longer ones (free texts such as a list of
   * validation errors) are kept in {@code verdicts} only.
   */
  public static final int MAX_TERM_VALUE = 200;

  /** {@code name=value} per short verdict, the form {@code verdict} searches match. */
  public static List<String> termsOf(Map<String, String> verdicts) {
    return verdicts == null
        ? List.of()
        : verdicts.entrySet().stream()
            .filter(e -> e.getValue() != null && e.getValue().length() <= MAX_TERM_VALUE)
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .toList();
  }
}
