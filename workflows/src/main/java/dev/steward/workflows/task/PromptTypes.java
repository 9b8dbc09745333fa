package dev.steward.workflows.task;

/** Input and output of the prompt-resolution step. */
public final class PromptTypes {

  private PromptTypes() {}

  /** Which task wants a prompt: the task id decides a canary split, the type names the prompt. */
  public record PromptRequest(String taskId, String tenant, String taskType) {}

  /**
   * The prompt version a task is pinned to for its whole run: {@code label} is the label that
   * resolved it (e.g. {@code production} or {@code canary}), kept for traces and metrics.
   */
  public record PromptRef(String id, int version, String label) {

    /** {@code support-answer@3}: how traces, metrics and search attributes name a version. */
    @Override
    public String toString() {
      return id + "@" + version;
    }
  }
}
