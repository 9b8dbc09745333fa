package dev.steward.bench.eval;

import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.workflows.task.ModelCall;
import dev.steward.workflows.task.PassageRef;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import dev.steward.workflows.task.TaskStepTypes.ValidationVerdict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns one draft and its validation into an {@link ItemScore}; no I/O, so it is unit-tested. */
public final class Scoring {

  private Scoring() {}

  /** What one draft step produced, with what it was given. */
  public record Draft(
      String itemId,
      List<String> retrievedChunkIds,
      Boolean retrievalHit,
      String prompt,
      DraftResult result,
      long latencyMillis) {}

  /**
   * A validated draft.
   *
   * @param schemaViolations the output schema's violations alone (the verdict mixes all checks)
   */
  public static ItemScore scored(
      Draft draft, ValidationVerdict verdict, List<String> schemaViolations) {
    Map<String, Object> output = draft.result().output();
    List<ModelCall> calls = new ArrayList<>(draft.result().discardedCalls());
    calls.add(draft.result().call());
    ModelCall answering = draft.result().call();
    return new ItemScore(
        draft.itemId(),
        ItemScore.Outcome.SCORED,
        schemaViolations.isEmpty(),
        citationsCorrect(output, draft.retrievedChunkIds()),
        verdict.grounded(),
        verdict.valid(),
        verdict.groundingScore(),
        draft.retrievalHit(),
        draft.retrievedChunkIds().size(),
        draft.prompt(),
        answering.provider(),
        answering.model(),
        calls.stream().mapToLong(ModelCall::promptTokens).sum(),
        calls.stream().mapToLong(ModelCall::completionTokens).sum(),
        calls.stream().mapToDouble(ModelCall::costUsd).sum(),
        draft.latencyMillis(),
        citations(output),
        verdict.errors(),
        output);
  }

  /** A draft whose model call failed or whose reply was unusable: every check fails. */
  public static ItemScore draftFailed(
      String itemId,
      int passages,
      Boolean retrievalHit,
      String prompt,
      long latencyMillis,
      Exception failure) {
    return new ItemScore(
        itemId,
        ItemScore.Outcome.DRAFT_FAILED,
        false,
        false,
        false,
        false,
        0,
        retrievalHit,
        passages,
        prompt,
        null,
        null,
        0,
        0,
        0,
        latencyMillis,
        List.of(),
        List.of(
            "draft failed: " + failure.getClass().getSimpleName() + ": " + failure.getMessage()),
        null);
  }

  /** An input the screening step refused; it is left out of the rates of both variants. */
  public static ItemScore blocked(String itemId, String reason) {
    return new ItemScore(
        itemId,
        ItemScore.Outcome.BLOCKED,
        false,
        false,
        false,
        false,
        0,
        null,
        0,
        null,
        null,
        null,
        0,
        0,
        0,
        0,
        List.of(),
        List.of("blocked by screening: " + reason),
        null);
  }

  /** At least one citation, and each names a passage the draft was given. */
  public static boolean citationsCorrect(Map<String, Object> output, Collection<String> retrieved) {
    List<String> cited = citations(output);
    return !cited.isEmpty() && Set.copyOf(retrieved).containsAll(cited);
  }

  /** The output's citations as strings; empty when it has none or they are not a list. */
  public static List<String> citations(Map<String, Object> output) {
    if (output == null
        || !(output.get(TaskTypeDefinition.CITATIONS_FIELD) instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().map(String::valueOf).toList();
  }

  /**
   * Whether a gold document is among the passages' documents; null when the item has no gold
   * documents to compare with.
   */
  public static Boolean retrievalHit(List<PassageRef> passages, Set<String> goldDocumentIds) {
    if (goldDocumentIds.isEmpty()) {
      return null;
    }
    return passages.stream().anyMatch(p -> goldDocumentIds.contains(p.documentId()));
  }
}
