package dev.steward.workflows.task;

import java.util.Map;

/** Input and output of the classification step. */
public final class ClassificationTypes {

  private ClassificationTypes() {}

  public record ClassificationRequest(
      String taskId, String tenant, String taskType, Map<String, Object> input) {}

  /**
   * How hard and how risky a task looks; {@code call} is the model call that judged it (the offline
   * classifier reports one too, at no cost).
   */
  public record TaskClassification(
      Complexity complexity, Risk risk, String rationale, ModelCall call) {}

  /** Simple tasks stay on the task type's tier; complex ones may be escalated to a strong model. */
  public enum Complexity {
    SIMPLE,
    COMPLEX
  }

  public enum Risk {
    LOW,
    HIGH
  }
}
