package dev.steward.activities.trace;

import dev.steward.workflows.task.PromptTypes.PromptRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What earlier steps of a run told about it (tenant, task type, pinned prompt), so that the records
 * of steps whose requests do not carry them still do: validation is then searchable by prompt
 * version. Best effort: it knows only the runs this process has seen, and the most recent ones.
 */
final class RunContexts {

  /** Runs remembered; a run's steps follow each other within minutes. */
  static final int CAPACITY = 10_000;

  private record RunContext(String tenant, String taskType, PromptRef prompt) {}

  private final Map<String, RunContext> runs =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RunContext> eldest) {
          return size() > CAPACITY;
        }
      };

  /** Learns from {@code r} and fills in what it lacks from what earlier records of its run said. */
  synchronized TraceRecord complete(TraceRecord r) {
    if (r.runId() == null) {
      return r;
    }
    RunContext known = runs.get(r.runId());
    PromptRef prompt =
        r.promptId() != null
            ? new PromptRef(r.promptId(), r.promptVersion(), r.promptLabel())
            : known == null ? null : known.prompt();
    String tenant = r.tenant() != null ? r.tenant() : known == null ? null : known.tenant();
    String taskType = r.taskType() != null ? r.taskType() : known == null ? null : known.taskType();
    runs.put(r.runId(), new RunContext(tenant, taskType, prompt));
    boolean nothingToAdd =
        Objects.equals(tenant, r.tenant())
            && Objects.equals(taskType, r.taskType())
            && (prompt == null || r.promptId() != null);
    if (nothingToAdd) {
      return r;
    }
    return new TraceRecord(
        r.id(),
        r.kind(),
        r.taskId(),
        r.runId(),
        tenant,
        taskType,
        r.step(),
        r.attempt(),
        r.taskAttempt(),
        prompt == null ? null : prompt.id(),
        prompt == null ? null : prompt.version(),
        prompt == null ? null : prompt.label(),
        r.provider(),
        r.model(),
        r.tokensIn(),
        r.tokensOut(),
        r.costUsd(),
        r.latencyMillis(),
        r.verdicts(),
        r.outcome(),
        r.error(),
        r.rating(),
        r.comment(),
        r.timestamp());
  }
}
