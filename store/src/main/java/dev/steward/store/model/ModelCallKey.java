package dev.steward.store.model;

/**
 * Names one model call of a task: the step that made it and the workflow's attempt number of that
 * step (a repair draft is attempt 2). Temporal's own retries of a step's activity share the key, so
 * they share the journal entry.
 */
public record ModelCallKey(String taskId, String step, int attempt) {

  /** The entry's document id, e.g. {@code acme.q-1001:DraftOutput:1}. */
  public String id() {
    return taskId + ":" + step + ":" + attempt;
  }
}
