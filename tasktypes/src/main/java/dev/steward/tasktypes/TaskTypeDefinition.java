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
    TaskBudget budget,
    Screening screening,
    Validation validation) {

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
    screening = screening == null ? Screening.DEFAULTS : screening;
    validation = validation == null ? Validation.NONE : validation;
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

  /**
   * How strictly the task's input is screened before it reaches a model.
   *
   * @param injectionThreshold similarity to a known prompt-injection pattern (0..1) from which
   *     input is blocked; null for the deployment's {@code steward.screening.injection-threshold}
   */
  public record Screening(Double injectionThreshold) {

    static final Screening DEFAULTS = new Screening(null);

    public Screening {
      if (injectionThreshold != null && (injectionThreshold <= 0 || injectionThreshold > 1)) {
        throw new IllegalArgumentException(
            "screening.injectionThreshold must be above 0 and at most 1");
      }
    }

    /** This task type's threshold, or {@code deploymentDefault} when it sets none. */
    public double injectionThreshold(double deploymentDefault) {
      return injectionThreshold == null ? deploymentDefault : injectionThreshold;
    }
  }

  /** The side effect a task executes once its result is accepted. */
  public record Action(String kind) {}

  /**
   * How a draft is checked beyond its schema and citations.
   *
   * @param groundedFields text fields of the output whose sentences are claims that the cited
   *     passages must support
   * @param unsupportedSentences whether an unsupported claim sentence sends the draft back for
   *     repair or only marks the result ungrounded
   * @param groundingThreshold the support (0..1) a claim sentence needs from its best evidence
   * @param rules policy rules on the output and the input, checked on every draft
   */
  public record Validation(
      List<String> groundedFields,
      UnsupportedSentences unsupportedSentences,
      Double groundingThreshold,
      List<Rule> rules) {

    /**
     * A claim sentence needs this support unless the task type says otherwise. Tuned with the real
     * all-MiniLM-L6-v2 on the demo help center (see {@code GroundingCheckTest}): paraphrases score
     * above 0.7, invented claims and contradicted numbers below 0.5.
     */
    public static final double DEFAULT_GROUNDING_THRESHOLD = 0.6;

    public static final Validation NONE = new Validation(null, null, null, null);

    public Validation {
      groundedFields = groundedFields == null ? List.of() : List.copyOf(groundedFields);
      unsupportedSentences =
          unsupportedSentences == null ? UnsupportedSentences.FLAG : unsupportedSentences;
      groundingThreshold =
          groundingThreshold == null ? DEFAULT_GROUNDING_THRESHOLD : groundingThreshold;
      if (groundingThreshold < 0 || groundingThreshold > 1) {
        throw new IllegalArgumentException(
            "groundingThreshold must be between 0 and 1, was " + groundingThreshold);
      }
      rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** What an unsupported claim sentence costs a draft. */
    public enum UnsupportedSentences {
      /** The draft is invalid and goes back to the model with the sentences named. */
      REPAIR,
      /** The draft stands, marked ungrounded, with the sentences listed in the verdict. */
      FLAG
    }
  }

  /**
   * A policy rule: a SpEL expression over {@code output.<field>} and {@code input.<field>} that
   * must be true, and the message a model gets to repair a draft that breaks it.
   */
  public record Rule(String name, String expression, String message) {

    public Rule {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a rule needs a name");
      }
      if (expression == null || expression.isBlank()) {
        throw new IllegalArgumentException("rule '" + name + "' needs an expression");
      }
      if (message == null || message.isBlank()) {
        throw new IllegalArgumentException("rule '" + name + "' needs a message");
      }
    }
  }

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
