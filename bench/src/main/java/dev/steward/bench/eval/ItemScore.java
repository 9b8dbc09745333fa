package dev.steward.bench.eval;

import java.util.List;
import java.util.Map;

/**
 * How one variant did on one item.
 *
 * @param schemaValid the output matches the task type's output schema
 * @param citationsCorrect the output cites at least one passage and only passages it was given
 * @param grounded the validator's verdict: citations correct and every claim sentence supported
 * @param valid the validator's overall verdict (schema, citations, grounding, policy rules)
 * @param groundingScore the validator's mean support of the claim sentences, 0..1
 * @param retrievalHit for a question with gold files: a gold document among the passages; for a
 *     recorded task: every recorded passage is still in the index; null when neither applies
 * @param prompt the prompt version drafted with, {@code id@version}
 * @param latencyMillis wall-clock time of the draft step
 * @param errors the validator's errors, or why the draft failed
 */
public record ItemScore(
    String itemId,
    Outcome outcome,
    boolean schemaValid,
    boolean citationsCorrect,
    boolean grounded,
    boolean valid,
    double groundingScore,
    Boolean retrievalHit,
    int passages,
    String prompt,
    String provider,
    String model,
    long tokensIn,
    long tokensOut,
    double costUsd,
    long latencyMillis,
    List<String> citations,
    List<String> errors,
    Map<String, Object> output) {

  public ItemScore {
    citations = citations == null ? List.of() : List.copyOf(citations);
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** Whether the item was drafted and validated, or why not. */
  public enum Outcome {
    /** Drafted and validated. */
    SCORED,
    /** The model's reply was unusable or the call failed; every check counts as failed. */
    DRAFT_FAILED,
    /** The screening step refused the input; the item is left out of every rate. */
    BLOCKED
  }

  /** Whether the item counts in the rates: everything but a blocked input. */
  public boolean counted() {
    return outcome != Outcome.BLOCKED;
  }
}
