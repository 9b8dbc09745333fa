package dev.steward.activities.reasoning;

import dev.langchain4j.model.input.PromptTemplate;
import dev.steward.tasktypes.TaskTypeDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills a task type's prompt template: every input field is a variable, {@code passages} is the
 * numbered passage list, and repair attempts get the previous errors appended.
 */
public final class PromptRenderer {

  private PromptRenderer() {}

  public static RenderedPrompt render(
      TaskTypeDefinition type,
      Map<String, Object> input,
      List<Passage> passages,
      List<String> previousErrors) {
    Map<String, Object> variables = new HashMap<>();
    input.forEach((k, v) -> variables.put(k, v == null ? "" : String.valueOf(v)));
    variables.put("passages", passageList(passages));
    String user = PromptTemplate.from(type.prompt().user()).apply(variables).text();
    if (previousErrors != null && !previousErrors.isEmpty()) {
      user +=
          "\n\nYour previous reply was rejected for these reasons; fix them:\n- "
              + String.join("\n- ", previousErrors);
    }
    return new RenderedPrompt(
        type.prompt().id(), type.prompt().version(), type.prompt().system(), user);
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
