package dev.steward.api.prompt;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.api.prompt.PromptBodies.NewVersion;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Which task types use a prompt, and whether new templates are fit for them: present, of a sane
 * size, and naming only variables those task types fill.
 */
@Component
class PromptTemplateCheck {

  /** Far above any useful prompt; keeps one request from storing megabytes. */
  static final int MAX_TEMPLATE_CHARS = 20_000;

  static final int MAX_NOTE_CHARS = 1_000;

  private final TaskTypeRegistry taskTypes;

  PromptTemplateCheck(TaskTypeRegistry taskTypes) {
    this.taskTypes = taskTypes;
  }

  /** The prompt ids the task types name. */
  Set<String> promptIds() {
    Set<String> ids = new TreeSet<>();
    taskTypes.all().forEach(t -> ids.add(t.prompt().id()));
    return ids;
  }

  List<TaskTypeDefinition> taskTypesUsing(String promptId) {
    return taskTypes.all().stream().filter(t -> t.prompt().id().equals(promptId)).toList();
  }

  List<String> taskTypeNames(String promptId) {
    return taskTypesUsing(promptId).stream().map(TaskTypeDefinition::name).toList();
  }

  /** Refuses the body with a problem detail that says every thing wrong with it. */
  void check(List<TaskTypeDefinition> types, NewVersion body) {
    List<String> errors = new ArrayList<>();
    String system = body == null ? null : body.system();
    String user = body == null ? null : body.user();
    requireTemplate("system", system, errors);
    requireTemplate("user", user, errors);
    if (body != null && body.note() != null && body.note().length() > MAX_NOTE_CHARS) {
      errors.add("'note' may be at most " + MAX_NOTE_CHARS + " characters");
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.INVALID_REQUEST,
          "The prompt version is invalid: " + String.join("; ", errors) + ".",
          Map.of("errors", errors));
    }
    Set<String> allowed = TemplateVariables.allowed(types);
    Set<String> unknown = new TreeSet<>(TemplateVariables.used(system));
    unknown.addAll(TemplateVariables.used(user));
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw new ProblemException(
          Problem.INVALID_REQUEST,
          "The templates use variables that "
              + String.join(", ", types.stream().map(TaskTypeDefinition::name).toList())
              + " cannot fill: "
              + String.join(", ", unknown)
              + ". Allowed: "
              + String.join(", ", allowed)
              + ".",
          Map.of("unknownVariables", unknown, "allowedVariables", allowed));
    }
  }

  private static void requireTemplate(String field, String template, List<String> errors) {
    if (template == null || template.isBlank()) {
      errors.add("'" + field + "' is required");
    } else if (template.length() > MAX_TEMPLATE_CHARS) {
      errors.add("'" + field + "' may be at most " + MAX_TEMPLATE_CHARS + " characters");
    } else if (template.indexOf('\0') >= 0) {
      errors.add("'" + field + "' may not contain NUL characters");
    }
  }
}
