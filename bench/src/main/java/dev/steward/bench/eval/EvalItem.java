package dev.steward.bench.eval;

import dev.steward.workflows.task.PassageRef;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One input of an evaluation dataset, whichever file it came from.
 *
 * @param recordedPassages the passages a recorded task was given, reused so that retrieval is held
 *     constant; null for items that are retrieved afresh
 * @param goldDocumentIds documents that answer the item, for the retrieval hit; empty when unknown
 * @param recordedOutput what the recorded task answered; null when unknown
 * @param recordedPrompt the prompt version the recorded task used; null when unknown
 */
public record EvalItem(
    String id,
    String tenant,
    String taskType,
    Map<String, Object> input,
    List<PassageRef> recordedPassages,
    Set<String> goldDocumentIds,
    Map<String, Object> recordedOutput,
    PromptRef recordedPrompt) {

  public EvalItem {
    // A recorded input may hold null values, which Map.copyOf refuses.
    input = Collections.unmodifiableMap(new LinkedHashMap<>(input));
    recordedPassages = recordedPassages == null ? null : List.copyOf(recordedPassages);
    goldDocumentIds = goldDocumentIds == null ? Set.of() : Set.copyOf(goldDocumentIds);
  }

  /** Whether the item is a recorded task whose passages are reused. */
  public boolean recorded() {
    return recordedPassages != null;
  }
}
