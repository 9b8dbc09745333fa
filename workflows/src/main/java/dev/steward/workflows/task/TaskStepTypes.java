package dev.steward.workflows.task;

import java.util.List;
import java.util.Map;

/** Inputs and outputs of the task's step activities. */
public final class TaskStepTypes {

  private TaskStepTypes() {}

  public record ScreenRequest(
      String taskId, String tenant, String taskType, Map<String, Object> input) {}

  /** Whether the input may go on to a model; {@code reason} is written for the requester. */
  public record ScreenVerdict(boolean allowed, String reason, List<String> findings) {}

  public record RetrievalRequest(
      String taskId, String tenant, String taskType, Map<String, Object> input) {}

  public record RetrievalResult(List<PassageRef> passages) {}

  /**
   * @param attempt 1 for the first draft, then one more per repair
   * @param previousErrors validation errors of the previous attempt, fed back to the model
   * @param spentUsd what the task has spent on models so far, for the budget check before a call
   * @param maxCostUsd the task's cost ceiling for this call (0 = none, e.g. after an approver
   *     allowed an overrun): a call whose estimate does not fit is refused before it is sent
   */
  public record DraftRequest(
      String taskId,
      String tenant,
      String taskType,
      String modelTier,
      Map<String, Object> input,
      List<PassageRef> passages,
      int attempt,
      List<String> previousErrors,
      double spentUsd,
      double maxCostUsd) {

    /** A request with nothing spent yet and no cost ceiling. */
    public DraftRequest(
        String taskId,
        String tenant,
        String taskType,
        String modelTier,
        Map<String, Object> input,
        List<PassageRef> passages,
        int attempt,
        List<String> previousErrors) {
      this(taskId, tenant, taskType, modelTier, input, passages, attempt, previousErrors, 0.0, 0.0);
    }
  }

  /**
   * @param call the call whose answer is the output
   * @param discardedCalls earlier calls of the same attempt that were paid for but whose answer was
   *     unusable (malformed JSON), so that cost accounting stays exact
   */
  public record DraftResult(
      Map<String, Object> output, ModelCall call, List<ModelCall> discardedCalls) {

    public DraftResult {
      discardedCalls = discardedCalls == null ? List.of() : List.copyOf(discardedCalls);
    }

    public DraftResult(Map<String, Object> output, ModelCall call) {
      this(output, call, List.of());
    }
  }

  /**
   * @param citationsOptional true when retrieval failed and the policy lets the task go on
   *     ungrounded: an answer without citations is then acceptable
   */
  public record ValidationRequest(
      String taskType,
      Map<String, Object> output,
      List<String> retrievedChunkIds,
      boolean citationsOptional) {}

  /** Schema, citation and policy verdict; {@code errors} are phrased for the model to repair. */
  public record ValidationVerdict(boolean valid, List<String> errors, boolean grounded) {}

  public record ActionRequest(
      String taskId, String tenant, String actionKind, Map<String, Object> payload) {}

  /** A snapshot for the task read model; {@code version} orders writes so stale ones lose. */
  public record TaskRecord(TaskState state, long version) {}
}
