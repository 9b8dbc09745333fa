package dev.steward.activities.reasoning;

import dev.steward.tasktypes.TaskTypeDefinition;
import java.util.List;
import java.util.Map;

/** Something that turns a rendered prompt and its passages into the task type's output. */
public interface DraftModel {

  Draft draft(DraftContext context);

  /**
   * Everything a model may use for one draft.
   *
   * @param previousErrors validation errors of the previous attempt, to repair
   */
  record DraftContext(
      TaskTypeDefinition type,
      Map<String, Object> input,
      String query,
      List<Passage> passages,
      RenderedPrompt prompt,
      List<String> previousErrors) {}

  /** A model's output and who produced it. */
  record Draft(Map<String, Object> output, String provider, String model, String rawText) {}
}
