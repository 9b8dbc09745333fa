package dev.steward.activities.validation;

import dev.steward.tasktypes.SchemaValidator;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.TaskStepTypes.ValidationRequest;
import dev.steward.workflows.task.TaskStepTypes.ValidationVerdict;
import dev.steward.workflows.task.TaskWorkflow;
import dev.steward.workflows.task.ValidationActivities;
import io.temporal.spring.boot.ActivityImpl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a draft: the task type's output schema, and citations that name only passages this task
 * actually retrieved. Errors are phrased so that a model can repair them.
 */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class ValidationActivitiesImpl implements ValidationActivities {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TaskTypeRegistry taskTypes;
  private final SchemaValidator schemas;

  public ValidationActivitiesImpl(TaskTypeRegistry taskTypes, SchemaValidator schemas) {
    this.taskTypes = taskTypes;
    this.schemas = schemas;
  }

  @Override
  public ValidationVerdict validateOutput(ValidationRequest request) {
    TaskTypeDefinition type = taskTypes.get(request.taskType());
    JsonNode output = JSON.valueToTree(request.output());
    JsonNode schema =
        request.citationsOptional()
            ? withOptionalCitations(type.outputSchema())
            : type.outputSchema();
    List<String> errors = new ArrayList<>(schemas.violations(schema, output));

    Set<String> retrieved = new HashSet<>(request.retrievedChunkIds());
    JsonNode citations = output.path(TaskTypeDefinition.CITATIONS_FIELD);
    int cited = 0;
    for (JsonNode citation : citations) {
      cited++;
      if (!retrieved.contains(citation.asString())) {
        errors.add(
            "citation '"
                + citation.asString()
                + "' is not one of the retrieved passages "
                + request.retrievedChunkIds());
      }
    }
    boolean grounded = cited > 0 && errors.stream().noneMatch(e -> e.startsWith("citation"));
    return new ValidationVerdict(errors.isEmpty(), List.copyOf(errors), grounded);
  }

  /** The schema with citations neither required nor bound to a minimum count. */
  private static JsonNode withOptionalCitations(JsonNode schema) {
    ObjectNode copy = (ObjectNode) schema.deepCopy();
    if (copy.path("properties").path(TaskTypeDefinition.CITATIONS_FIELD) instanceof ObjectNode c) {
      c.remove("minItems");
    }
    if (copy.get("required") instanceof ArrayNode required) {
      for (int i = required.size() - 1; i >= 0; i--) {
        if (TaskTypeDefinition.CITATIONS_FIELD.equals(required.get(i).asString())) {
          required.remove(i);
        }
      }
    }
    return copy;
  }
}
