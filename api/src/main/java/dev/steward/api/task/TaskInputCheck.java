package dev.steward.api.task;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.tasktypes.SchemaValidator;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a new task before any workflow starts, in this order: the type exists, the input is within
 * the type's size limit, the input conforms to the type's schema.
 */
@Component
class TaskInputCheck {

  private final TaskTypeRegistry types;
  private final SchemaValidator validator;
  private final JsonMapper json;

  TaskInputCheck(TaskTypeRegistry types, SchemaValidator validator, JsonMapper json) {
    this.types = types;
    this.validator = validator;
    this.json = json;
  }

  /** The task type of an acceptable input, or a {@link ProblemException} saying what is wrong. */
  TaskTypeDefinition check(String typeName, JsonNode input) {
    TaskTypeDefinition type =
        types
            .find(typeName)
            .orElseThrow(() ->
                new ProblemException(
                    Problem.UNKNOWN_TASK_TYPE,
                    "There is no task type '"
                        + typeName
                        + "'. Known types: "
                        + String.join(", ", knownTypes())
                        + ".",
                    Map.of("knownTypes", knownTypes())));
    int size = json.writeValueAsString(input).length();
    if (size > type.maxInputChars()) {
      throw new ProblemException(
          Problem.INPUT_TOO_LARGE,
          "The input of a '%s' task may be at most %d characters of JSON; this one has %d."
              .formatted(type.name(), type.maxInputChars(), size),
          Map.of("limit", type.maxInputChars(), "size", size));
    }
    List<String> errors = validator.violations(type.inputSchema(), input);
    if (!errors.isEmpty()) {
      throw invalid(type, errors);
    }
    if (!input.isObject()) {
      throw invalid(type, List.of("the input must be a JSON object"));
    }
    return type;
  }

  private static ProblemException invalid(TaskTypeDefinition type, List<String> errors) {
    return new ProblemException(
        Problem.INVALID_INPUT,
        "The input does not match the input schema of '%s': %s"
            .formatted(type.name(), String.join("; ", errors)),
        Map.of("errors", errors));
  }

  private List<String> knownTypes() {
    return types.all().stream().map(TaskTypeDefinition::name).toList();
  }
}
