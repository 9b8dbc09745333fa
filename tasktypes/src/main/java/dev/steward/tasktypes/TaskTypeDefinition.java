package dev.steward.tasktypes;

import dev.steward.workflows.task.ApprovalPolicy;
import dev.steward.workflows.task.TaskBudget;
import dev.steward.workflows.task.TaskPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A task type as written in YAML: what a task accepts, what it must produce, how it is prompted,
 * retrieved for, approved and budgeted. Adding a task type needs no Java.
 */
public record TaskTypeDefinition(
    String name,
    String description,
    String modelTier,
    int maxRepairs,
    int maxInputChars,
    Retrieval retrieval,
    Prompt prompt,
    JsonNode inputSchema,
    JsonNode outputSchema,
    ApprovalPolicy approval,
    Action action,
    TaskBudget budget) {

  /** Field of the output that lists the chunk ids a result relies on. */
  public static final String CITATIONS_FIELD = "citations";

  public TaskTypeDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(inputSchema, () -> name + ": inputSchema");
    Objects.requireNonNull(outputSchema, () -> name + ": outputSchema");
    Objects.requireNonNull(prompt, () -> name + ": prompt");
    Objects.requireNonNull(retrieval, () -> name + ": retrieval");
    modelTier = modelTier == null ? "small" : modelTier;
    maxInputChars = maxInputChars <= 0 ? 8_000 : maxInputChars;
  }

  /**
   * How the task finds its passages: the input fields that make the query, how many passages, and
   * how many tokens they may take in the prompt at most (0 = no limit).
   */
  public record Retrieval(
      List<String> queryFields, int topK, int tokenBudget, OnFailure onFailure) {

    /** What a task does when retrieval fails for good: fail, or go on ungrounded. */
    public enum OnFailure {
      FAIL,
      PROCEED_UNGROUNDED
    }

    /** The values of the query fields in the input, in their declared order. */
    public String queryText(Map<String, Object> input) {
      return queryFields.stream()
          .map(input::get)
          .filter(Objects::nonNull)
          .map(String::valueOf)
          .collect(Collectors.joining(" "));
    }
  }

  /** The prompt template (LangChain4j {@code {{variable}}} syntax) and its identity. */
  public record Prompt(String id, int version, String system, String user) {}

  /** The side effect a task executes once its result is accepted. */
  public record Action(String kind) {}

  /** The policy pinned into each task's workflow input. */
  public TaskPolicy policy() {
    return new TaskPolicy(
        modelTier,
        maxRepairs,
        approval,
        action == null ? null : action.kind(),
        budget,
        retrieval.onFailure() == Retrieval.OnFailure.PROCEED_UNGROUNDED);
  }
}
