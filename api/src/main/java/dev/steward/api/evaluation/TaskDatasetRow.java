package dev.steward.api.evaluation;

import dev.steward.workflows.task.PassageRef;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import java.util.List;
import java.util.Map;

/**
 * One recorded task as a line of an evaluation dataset: what the task was asked (with personal data
 * replaced by the screening step's placeholders), which passages it was given, and what it answered
 * with which prompt version. The evaluation harness re-runs such lines with the passages held
 * constant, so that only the prompt or the model varies.
 *
 * @param format {@link #FORMAT}, so that readers can tell this format from others in a JSONL file
 * @param input the input as the screening step recorded it for models: every e-mail address, phone
 *     number, card number, IBAN and configured national id replaced by a placeholder such as {@code
 *     [EMAIL_1]}. The original values are never read to build this row.
 * @param piiKinds the kinds of personal data the screening step replaced, never their values
 * @param passages the passages retrieved for the task, by reference; their text stays in the index
 * @param output the task's validated output; null when the export was asked without outputs
 * @param prompt the prompt version the task was pinned to; null for runs from before pinning
 * @param modelTier the tier that produced the output (the type's, escalated or degraded)
 */
public record TaskDatasetRow(
    String format,
    String taskId,
    String tenant,
    String taskType,
    String status,
    long startedAtMillis,
    Map<String, Object> input,
    List<String> piiKinds,
    List<PassageRef> passages,
    Map<String, Object> output,
    PromptRef prompt,
    String modelTier) {

  /** The format name and version every row carries. */
  public static final String FORMAT = "steward.task-dataset/1";

  public TaskDatasetRow {
    piiKinds = piiKinds == null ? List.of() : List.copyOf(piiKinds);
    passages = passages == null ? List.of() : List.copyOf(passages);
  }
}
