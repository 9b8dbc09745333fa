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
   */
  public record DraftRequest(
      String taskId,
      String tenant,
      String taskType,
      String modelTier,
      Map<String, Object> input,
      List<PassageRef> passages,
      int attempt,
      List<String> previousErrors) {}

  public record DraftResult(Map<String, Object> output, ModelCall call) {}

  public record ValidationRequest(
      String taskType, Map<String, Object> output, List<String> retrievedChunkIds) {}

  /** Schema, citation and policy verdict; {@code errors} are phrased for the model to repair. */
  public record ValidationVerdict(boolean valid, List<String> errors, boolean grounded) {}

  public record ActionRequest(
      String taskId, String tenant, String actionKind, Map<String, Object> payload) {}

  /** A snapshot for the task read model; {@code version} orders writes so stale ones lose. */
  public record TaskRecord(TaskState state, long version) {}
}
