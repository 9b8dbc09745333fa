package dev.steward.activities.reasoning;

import dev.langchain4j.model.input.PromptTemplate;
import dev.steward.activities.prompt.PromptText;
import dev.steward.tasktypes.TaskTypeDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills a task type's prompt template: every input field is a variable, {@code passages} is the
 * numbered passage list, and repair attempts get the previous errors appended. Both the system and
 * the user template are filled.
 */
public final class PromptRenderer {

  private PromptRenderer() {}

  /** Fills the task type's bundled template. */
  public static RenderedPrompt render(
      TaskTypeDefinition type,
      Map<String, Object> input,
      List<Passage> passages,
      List<String> previousErrors) {
    return render(PromptText.bundled(type), type, input, passages, previousErrors);
  }

  /**
   * Fills {@code text}, a version of the task type's prompt, such as the one a task is pinned to.
   */
  public static RenderedPrompt render(
      PromptText text,
      TaskTypeDefinition type,
      Map<String, Object> input,
      List<Passage> passages,
      List<String> previousErrors) {
    Map<String, Object> variables = new HashMap<>();
    // An optional field the template names but the input lacks renders empty: a missing variable
    // would fail the draft for good.
    type.inputSchema().path("properties").propertyNames().forEach(k -> variables.put(k, ""));
    input.forEach((k, v) -> variables.put(k, v == null ? "" : String.valueOf(v)));
    variables.put("passages", passageList(passages));
    String system = PromptTemplate.from(text.system()).apply(variables).text();
    String user = PromptTemplate.from(text.user()).apply(variables).text();
    if (previousErrors != null && !previousErrors.isEmpty()) {
      user +=
          "\n\nYour previous reply was rejected for these reasons; fix them:\n- "
              + String.join("\n- ", previousErrors);
    }
    return new RenderedPrompt(text.id(), text.version(), text.label(), system, user);
  }

  private static String passageList(List<Passage> passages) {
    if (passages.isEmpty()) {
      return "(no passages found)";
    }
    return passages.stream()
        .map(p -> "[" + p.chunkId() + "] " + p.title() + "\n" + p.text())
        .collect(Collectors.joining("\n\n"));
  }
}
