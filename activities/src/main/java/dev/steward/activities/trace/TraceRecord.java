package dev.steward.activities.trace;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one step of a task did (or what its requester thought of the result), as written to the
 * trace index and turned into metrics; every text in it is already PII-redacted.
 *
 * @param id unique per record; a retried activity attempt gets a record of its own
 * @param kind a step of the workflow, or the requester's feedback on the finished task
 * @param taskId the workflow id
 * @param runId the workflow run id; null for feedback
 * @param tenant null when the step's request does not carry it
 * @param taskType null when the step's request does not carry it
 * @param step the activity type ({@code DraftOutput}, {@code ValidateOutput}, ...) or {@code
 *     FEEDBACK}
 * @param attempt Temporal's attempt number of the activity, 1 for the first try; 0 for feedback
 * @param taskAttempt the workflow's own attempt where a step has one (the draft/repair round of
 *     {@code DraftOutput}); null otherwise
 * @param promptId the prompt the task is pinned to; null for steps that use no prompt and when
 *     unknown
 * @param promptVersion null together with {@code promptId}
 * @param promptLabel the label that resolved the version ({@code production}, {@code canary}); may
 *     be null
 * @param provider who answered the step's model call; null for steps without one
 * @param model null for steps without a model call
 * @param tokensIn prompt tokens of all the step's model calls, including discarded ones
 * @param tokensOut completion tokens of all the step's model calls, including discarded ones
 * @param costUsd cost of all the step's model calls
 * @param latencyMillis wall-clock time of the whole activity attempt (0 for feedback)
 * @param verdicts what the step decided, by name: {@code valid}, {@code grounded}, {@code errors}
 *     for validation, {@code allowed}, {@code reason} for screening, {@code risk}, {@code
 *     complexity} for classification, {@code decision} for approvals; keys sorted
 * @param outcome whether the attempt returned or threw
 * @param error the exception's type and message when it threw, redacted; null otherwise
 * @param rating the requester's rating for feedback, 1 (poor) to 5 (excellent); null for steps
 * @param comment the requester's redacted comment for feedback; null for steps
 * @param timestamp when the attempt started (when the feedback was given)
 */
public record TraceRecord(
    String id,
    Kind kind,
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
    Outcome outcome,
    String error,
    Integer rating,
    String comment,
    Instant timestamp) {

  /** The step name under which feedback records are written. */
  public static final String FEEDBACK_STEP = "FEEDBACK";

  public TraceRecord {
    TreeMap<String, String> sorted = new TreeMap<>();
    if (verdicts != null) {
      verdicts.forEach((k, v) -> {
        if (k != null && v != null) {
          sorted.put(k, v);
        }
      });
    }
    verdicts = Collections.unmodifiableMap(sorted);
  }

  /** A step of the task workflow, or the requester's feedback. */
  public enum Kind {
    STEP,
    FEEDBACK
  }

  /** Whether the step's attempt returned ({@code OK}) or threw ({@code ERROR}). */
  public enum Outcome {
    OK,
    ERROR
  }
}
