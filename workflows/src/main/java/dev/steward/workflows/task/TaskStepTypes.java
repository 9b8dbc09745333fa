package dev.steward.workflows.task;

import java.util.List;
import java.util.Map;

/** Inputs and outputs of the task's step activities. */
public final class TaskStepTypes {

  private TaskStepTypes() {}

  public record ScreenRequest(
      String taskId, String tenant, String taskType, Map<String, Object> input) {}

  /**
   * Whether the input may go on to a model; {@code reason} is written for the requester and never
   * quotes the input.
   *
   * @param redactedInput the input with personal data replaced by placeholders such as {@code
   *     [EMAIL_1]}: what later steps send to a model. The placeholders' values are kept out of
   *     workflow history, in the redaction store. Empty when the input is blocked.
   * @param piiKinds the kinds of personal data found ({@code EMAIL}, {@code CARD}, ...), never
   *     their values
   * @param injectionScore highest similarity of the input to known prompt-injection patterns, 0..1
   */
  public record ScreenVerdict(
      boolean allowed,
      String reason,
      List<String> findings,
      Map<String, Object> redactedInput,
      List<String> piiKinds,
      double injectionScore) {

    public ScreenVerdict {
      findings = findings == null ? List.of() : List.copyOf(findings);
      piiKinds = piiKinds == null ? List.of() : List.copyOf(piiKinds);
    }

    /** A verdict without redaction or injection score, as recorded before screening had them. */
    public ScreenVerdict(boolean allowed, String reason, List<String> findings) {
      this(allowed, reason, findings, null, List.of(), 0.0);
    }
  }

  public record RetrievalRequest(
      String taskId, String tenant, String taskType, Map<String, Object> input) {}

  public record RetrievalResult(List<PassageRef> passages) {}

  /**
   * @param attempt 1 for the first draft, then one more per repair
   * @param previousErrors validation errors of the previous attempt, fed back to the model
   * @param spentUsd what the task has spent on models so far, for the budget check before a call
   * @param maxCostUsd the task's cost ceiling for this call (0 = none, e.g. after an approver
   *     allowed an overrun): a call whose estimate does not fit is refused before it is sent
   * @param prompt the prompt version the task is pinned to; null for runs that started before
   *     prompts were resolved per task, which use their task type's bundled prompt
   */
  public record DraftRequest(
      String taskId,
      String tenant,
      String taskType,
      String modelTier,
      Map<String, Object> input,
      List<PassageRef> passages,
      int attempt,
      List<String> previousErrors,
      double spentUsd,
      double maxCostUsd,
      PromptTypes.PromptRef prompt) {

    /** A request without a pinned prompt (the task type's bundled one). */
    public DraftRequest(
        String taskId,
        String tenant,
        String taskType,
        String modelTier,
        Map<String, Object> input,
        List<PassageRef> passages,
        int attempt,
        List<String> previousErrors,
        double spentUsd,
        double maxCostUsd) {
      this(
          taskId,
          tenant,
          taskType,
          modelTier,
          input,
          passages,
          attempt,
          previousErrors,
          spentUsd,
          maxCostUsd,
          null);
    }

    /** A request with nothing spent yet and no cost ceiling. */
    public DraftRequest(
        String taskId,
        String tenant,
        String taskType,
        String modelTier,
        Map<String, Object> input,
        List<PassageRef> passages,
        int attempt,
        List<String> previousErrors) {
      this(taskId, tenant, taskType, modelTier, input, passages, attempt, previousErrors, 0.0, 0.0);
    }
  }

  /**
   * @param call the call whose answer is the output
   * @param discardedCalls earlier calls of the same attempt that were paid for but whose answer was
   *     unusable (malformed JSON), so that cost accounting stays exact
   */
  public record DraftResult(
      Map<String, Object> output, ModelCall call, List<ModelCall> discardedCalls) {

    public DraftResult {
      discardedCalls = discardedCalls == null ? List.of() : List.copyOf(discardedCalls);
    }

    public DraftResult(Map<String, Object> output, ModelCall call) {
      this(output, call, List.of());
    }
  }

  /**
   * @param citationsOptional true when retrieval failed and the policy lets the task go on
   *     ungrounded: an answer without citations is then acceptable
   * @param tenant whose passages the citations name; the validator reads their text to check that
   *     they support the output. Null: that grounding check is skipped (and the verdict says so)
   * @param input the task's input, for the task type's policy rules; null: rules that read the
   *     input are skipped (and the verdict says so)
   */
  public record ValidationRequest(
      String taskType,
      Map<String, Object> output,
      List<String> retrievedChunkIds,
      boolean citationsOptional,
      String tenant,
      Map<String, Object> input) {

    /** A request as recorded before validation read passages and input. */
    public ValidationRequest(
        String taskType,
        Map<String, Object> output,
        List<String> retrievedChunkIds,
        boolean citationsOptional) {
      this(taskType, output, retrievedChunkIds, citationsOptional, null, null);
    }
  }

  /**
   * Schema, citation, grounding and policy verdict; {@code errors} are phrased for the model to
   * repair.
   *
   * @param grounded the citations are valid and every claim sentence is supported by the cited
   *     passages (when grounding was checked; see {@code notes})
   * @param unsupportedSentences claim sentences the cited passages do not support, truncated
   * @param groundingScore mean support of the claim sentences by their best evidence, 0..1; 0 when
   *     grounding was not checked
   * @param ruleViolations names of the task type's policy rules the output breaks
   * @param notes what was not checked and why (no tenant, no input), for people reading the record
   */
  public record ValidationVerdict(
      boolean valid,
      List<String> errors,
      boolean grounded,
      List<String> unsupportedSentences,
      double groundingScore,
      List<String> ruleViolations,
      List<String> notes) {

    public ValidationVerdict {
      errors = errors == null ? List.of() : List.copyOf(errors);
      unsupportedSentences =
          unsupportedSentences == null ? List.of() : List.copyOf(unsupportedSentences);
      ruleViolations = ruleViolations == null ? List.of() : List.copyOf(ruleViolations);
      notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A verdict as recorded before grounding and policy rules were checked. */
    public ValidationVerdict(boolean valid, List<String> errors, boolean grounded) {
      this(valid, errors, grounded, List.of(), 0.0, List.of(), List.of());
    }
  }

  public record ActionRequest(
      String taskId, String tenant, String actionKind, Map<String, Object> payload) {}

  /** A snapshot for the task read model; {@code version} orders writes so stale ones lose. */
  public record TaskRecord(TaskState state, long version) {}
}
