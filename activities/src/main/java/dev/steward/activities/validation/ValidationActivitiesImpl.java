package dev.steward.activities.validation;

import dev.steward.activities.validation.GroundingCheck.Grounding;
import dev.steward.activities.validation.GroundingCheck.SentenceSupport;
import dev.steward.store.chunk.ChunkDocument;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.tasktypes.PolicyRules;
import dev.steward.tasktypes.SchemaValidator;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeDefinition.Validation;
import dev.steward.tasktypes.TaskTypeDefinition.Validation.UnsupportedSentences;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.TaskStepTypes.ValidationRequest;
import dev.steward.workflows.task.TaskStepTypes.ValidationVerdict;
import dev.steward.workflows.task.TaskWorkflow;
import dev.steward.workflows.task.ValidationActivities;
import io.temporal.spring.boot.ActivityImpl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a draft: the task type's output schema, citations that name only passages this task
 * actually retrieved, claim sentences supported by the passages they cite, and the task type's
 * policy rules. Errors are phrased so that a model can repair them.
 */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class ValidationActivitiesImpl implements ValidationActivities {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Unsupported sentences are quoted up to this length, in errors and in the verdict. */
  static final int MAX_QUOTED_CHARS = 200;

  /** At most this many unsupported sentences are listed; the rest are counted. */
  static final int MAX_LISTED_SENTENCES = 5;

  private final TaskTypeRegistry taskTypes;
  private final SchemaValidator schemas;
  private final ChunkIndex chunks;
  private final GroundingCheck grounding;

  public ValidationActivitiesImpl(
      TaskTypeRegistry taskTypes,
      SchemaValidator schemas,
      ChunkIndex chunks,
      GroundingCheck grounding) {
    this.taskTypes = taskTypes;
    this.schemas = schemas;
    this.chunks = chunks;
    this.grounding = grounding;
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
    List<String> notes = new ArrayList<>();

    Set<String> retrieved = new HashSet<>(request.retrievedChunkIds());
    Set<String> cited = new LinkedHashSet<>();
    boolean citationsValid = true;
    for (JsonNode citation : output.path(TaskTypeDefinition.CITATIONS_FIELD)) {
      if (retrieved.contains(citation.asString())) {
        cited.add(citation.asString());
      } else {
        citationsValid = false;
        errors.add(
            "citation '"
                + citation.asString()
                + "' is not one of the retrieved passages "
                + request.retrievedChunkIds());
      }
    }
    boolean grounded = citationsValid && !cited.isEmpty();

    Validation policy = type.validation();
    List<String> unsupported = List.of();
    double groundingScore = 0;
    Grounding checked = checkGrounding(request, policy, cited, notes);
    if (checked != null) {
      unsupported = checked.unsupported().stream().map(s -> quote(s.sentence())).toList();
      groundingScore = checked.score();
      grounded = grounded && unsupported.isEmpty();
      if (policy.unsupportedSentences() == UnsupportedSentences.REPAIR) {
        errors.addAll(repairErrors(checked.unsupported(), policy.groundedFields()));
      }
    }

    List<String> broken = new ArrayList<>();
    PolicyRules.Outcome rules =
        taskTypes.rules(type.name()).check(request.output(), request.input());
    for (PolicyRules.Violation violation : rules.violations()) {
      broken.add(violation.rule());
      errors.add("rule " + violation.rule() + ": " + violation.message());
    }
    if (!rules.unchecked().isEmpty()) {
      notes.add("rules not checked, the request carries no input: " + rules.unchecked());
    }

    return new ValidationVerdict(
        errors.isEmpty(),
        errors,
        grounded,
        unsupported.size() > MAX_LISTED_SENTENCES
            ? unsupported.subList(0, MAX_LISTED_SENTENCES)
            : unsupported,
        groundingScore,
        broken,
        notes);
  }

  /** The support of the claim sentences by the cited passages; null (with a note) if unchecked. */
  private Grounding checkGrounding(
      ValidationRequest request, Validation policy, Set<String> cited, List<String> notes) {
    if (policy.groundedFields().isEmpty()) {
      return null;
    }
    if (request.tenant() == null) {
      notes.add("grounding not checked: the request names no tenant to read the passages of");
      return null;
    }
    if (cited.isEmpty()) {
      notes.add("grounding not checked: the output cites no retrieved passage");
      return null;
    }
    List<String> claims = new ArrayList<>();
    for (String field : policy.groundedFields()) {
      if (request.output().get(field) instanceof String text && !text.isBlank()) {
        claims.add(text);
      }
    }
    List<String> passages =
        chunks.fetch(request.tenant(), List.copyOf(cited)).stream()
            .map(ChunkDocument::text)
            .toList();
    if (passages.size() < cited.size()) {
      notes.add(
          (cited.size() - passages.size())
              + " cited passage(s) no longer exist; grounding was checked against the rest");
    }
    List<Object> inputValues =
        request.input() == null ? List.of() : List.copyOf(request.input().values());
    return grounding.check(claims, passages, inputValues, policy.groundingThreshold());
  }

  /** One error per unsupported sentence, telling the model what to do about it. */
  private static List<String> repairErrors(List<SentenceSupport> unsupported, List<String> fields) {
    List<String> errors = new ArrayList<>();
    String where = String.join(" / ", fields);
    for (SentenceSupport sentence :
        unsupported.subList(0, Math.min(unsupported.size(), MAX_LISTED_SENTENCES))) {
      errors.add(
          where
              + ": the sentence \""
              + quote(sentence.sentence())
              + "\" is not supported by the cited passages; state only what they say (with"
              + " their numbers) or remove it");
    }
    if (unsupported.size() > MAX_LISTED_SENTENCES) {
      errors.add(
          where
              + ": "
              + (unsupported.size() - MAX_LISTED_SENTENCES)
              + " more sentences are not supported by the cited passages");
    }
    return errors;
  }

  private static String quote(String sentence) {
    return sentence.length() <= MAX_QUOTED_CHARS
        ? sentence
        : sentence.substring(0, MAX_QUOTED_CHARS - 1) + "…";
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
