package dev.steward.activities.reasoning;

import dev.steward.activities.model.PaidCall;
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
   * @param modelTier the tier to route to ({@code small}, {@code strong})
   * @param spentUsd what the task has spent on models so far
   * @param maxCostUsd the cost ceiling the workflow set for this call (0 = none)
   */
  record DraftContext(
      TaskTypeDefinition type,
      String tenant,
      String modelTier,
      Map<String, Object> input,
      String query,
      List<Passage> passages,
      RenderedPrompt prompt,
      List<String> previousErrors,
      double spentUsd,
      double maxCostUsd) {}

  /**
   * A model's output and who produced it.
   *
   * @param call the provider-reported tokens and cost of the answering call; null for a model that
   *     is not paid per token (the offline one), whose tokens are then counted locally
   * @param discarded paid calls before it whose output was unusable
   */
  record Draft(
      Map<String, Object> output,
      String provider,
      String model,
      String rawText,
      PaidCall call,
      List<PaidCall> discarded) {

    public Draft {
      discarded = discarded == null ? List.of() : List.copyOf(discarded);
    }

    /** A draft of a model that is not paid per token. */
    public Draft(Map<String, Object> output, String provider, String model, String rawText) {
      this(output, provider, model, rawText, null, List.of());
    }
  }
}
