package dev.steward.workflows.task;

import dev.steward.workflows.StepOptions;
import dev.steward.workflows.task.ClassificationTypes.ClassificationRequest;
import dev.steward.workflows.task.ClassificationTypes.Complexity;
import dev.steward.workflows.task.ClassificationTypes.TaskClassification;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import dev.steward.workflows.task.PromptTypes.PromptRequest;
import dev.steward.workflows.task.TaskStepTypes.ActionRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import dev.steward.workflows.task.TaskStepTypes.RetrievalRequest;
import dev.steward.workflows.task.TaskStepTypes.ScreenRequest;
import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import dev.steward.workflows.task.TaskStepTypes.TaskRecord;
import dev.steward.workflows.task.TaskStepTypes.ValidationRequest;
import dev.steward.workflows.task.TaskStepTypes.ValidationVerdict;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;

/**
 * Runs one business LLM task: each step an activity, the approval gate a validated Update.
 *
 * <p>Final states (COMPLETED, REJECTED, EXPIRED, FAILED) are returned, never thrown, so the result
 * of a run is readable as a {@link TaskState}. A cancelled run records CANCELLED and then ends as
 * Canceled in Temporal (see {@link #endCancelled}).
 */
public class TaskWorkflowImpl implements TaskWorkflow {

  private static final Logger log = Workflow.getLogger(TaskWorkflowImpl.class);

  static final String SMALL_TIER = "small";
  static final String STRONG_TIER = "strong";

  /**
   * Version 1: the current step and an open approval are search attributes, and the prompt version
   * is resolved once (ResolvePrompt) and pinned. Runs that started before replay without them.
   */
  static final String STEP_AND_PROMPT_CHANGE = "step-attributes-and-pinned-prompt";

  /**
   * Version 1: ScreenInput, ResolvePrompt and ValidateOutput run as local activities (see {@link
   * TaskActivityOptions#LOCAL_SCREENING}). Runs that started before replay them as activities.
   */
  static final String LOCAL_CHECKS_CHANGE = "local-checks";

  private ScreeningActivities screening =
      Workflow.newActivityStub(ScreeningActivities.class, TaskActivityOptions.SCREENING);
  private final ClassificationActivities classifier =
      Workflow.newActivityStub(ClassificationActivities.class, TaskActivityOptions.CLASSIFICATION);
  private final RetrievalActivities retrieval =
      Workflow.newActivityStub(RetrievalActivities.class, TaskActivityOptions.RETRIEVAL);
  private final ReasoningActivities reasoning =
      Workflow.newActivityStub(ReasoningActivities.class, TaskActivityOptions.REASONING);
  private ValidationActivities validation =
      Workflow.newActivityStub(ValidationActivities.class, TaskActivityOptions.VALIDATION);
  private final ActionActivities actions =
      Workflow.newActivityStub(ActionActivities.class, TaskActivityOptions.ACTION);
  private PromptActivities prompts =
      Workflow.newActivityStub(PromptActivities.class, TaskActivityOptions.PROMPT);
  private final TaskRecordActivities readModel =
      Workflow.newActivityStub(TaskRecordActivities.class, TaskActivityOptions.READ_MODEL);
  private final ApprovalGate gate =
      new ApprovalGate(
          Workflow.newActivityStub(ApprovalActivities.class, TaskActivityOptions.NOTIFY));

  /** Null only before {@link #run} starts; queries and updates may not assume otherwise. */
  private TaskRequest request;

  private TaskStatus status = TaskStatus.RUNNING;
  private TaskStep currentStep = TaskStep.SCREEN_INPUT;
  private final List<TaskStep> stepsDone = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private boolean retrievalFailed;

  /** The input as models may see it: screened, PII replaced by placeholders. */
  private Map<String, Object> modelInput;

  private TaskClassification classification;
  private String modelTier;

  private BudgetGuard budget;

  /** See {@link #STEP_AND_PROMPT_CHANGE}. */
  private boolean stepAndPrompt;

  private TaskSearchAttributes searchAttributes;

  /** The prompt version every draft of this run uses; null for runs before the change. */
  private PromptRef prompt;

  /** The budget moved the task to a cheaper tier, so failed validation does not escalate it. */
  private boolean degraded;

  private Usage usage = Usage.none();
  private List<PassageRef> passages = List.of();
  private Map<String, Object> output;
  private boolean grounded;
  private final List<ValidationAttempt> validations = new ArrayList<>();
  private ActionReceipt action;
  private String reason;
  private long startedAtMillis;
  private long updatedAtMillis;

  private final List<Promise<Void>> pendingRecords = new ArrayList<>();

  /** Orders the read-model writes of this run; each write takes the next number. */
  private long readModelVersion = 1;

  @Override
  public TaskState run(TaskRequest taskRequest) {
    request = taskRequest;
    modelTier = request.policy().modelTier();
    budget = new BudgetGuard(request.policy().budget());
    startedAtMillis = Workflow.currentTimeMillis();
    updatedAtMillis = startedAtMillis;
    try {
      stepAndPrompt = Workflow.getVersion(STEP_AND_PROMPT_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
      if (Workflow.getVersion(LOCAL_CHECKS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
        runChecksLocally();
      }
      searchAttributes = new TaskSearchAttributes(stepAndPrompt);
      searchAttributes.started(request, currentStep);
      changeStatus(TaskStatus.RUNNING);
      runSteps();
    } catch (CanceledFailure e) {
      endCancelled();
      throw e;
    } catch (ActivityFailure e) {
      if (isCancellation(e)) {
        endCancelled();
        throw e;
      }
      finish(
          TaskStatus.FAILED,
          "step " + e.getActivityType() + " failed: " + StepOptions.failureMessage(e));
    }
    return state();
  }

  /** See {@link #LOCAL_CHECKS_CHANGE}. */
  private void runChecksLocally() {
    screening =
        Workflow.newLocalActivityStub(
            ScreeningActivities.class, TaskActivityOptions.LOCAL_SCREENING);
    prompts =
        Workflow.newLocalActivityStub(PromptActivities.class, TaskActivityOptions.LOCAL_PROMPT);
    validation =
        Workflow.newLocalActivityStub(
            ValidationActivities.class, TaskActivityOptions.LOCAL_VALIDATION);
  }

  private void runSteps() {
    ScreenVerdict screen =
        screening.screenInput(
            new ScreenRequest(
                request.taskId(), request.tenant(), request.taskType(), request.input()));
    if (!screen.allowed()) {
      finish(TaskStatus.REJECTED, screen.reason());
      return;
    }
    // Models see the input with PII replaced by placeholders; the map back lives outside history.
    modelInput = screen.redactedInput() == null ? request.input() : screen.redactedInput();

    begin(TaskStep.CLASSIFY_TASK);
    classify();

    begin(TaskStep.RETRIEVE_PASSAGES);
    retrievePassages();

    if (stepAndPrompt) {
      begin(TaskStep.RESOLVE_PROMPT);
      prompt =
          prompts.resolvePrompt(
              new PromptRequest(request.taskId(), request.tenant(), request.taskType()));
      searchAttributes.prompt(prompt);
    }

    if (!draftValidOutput() || !awaitApprovalIfRequired()) {
      return;
    }

    String actionKind = request.policy().actionKind();
    if (actionKind != null) {
      begin(TaskStep.EXECUTE_ACTION);
      action =
          actions.executeAction(
              new ActionRequest(request.taskId(), request.tenant(), actionKind, output));
    }
    begin(TaskStep.DONE);
    finish(TaskStatus.COMPLETED, null);
  }

  /**
   * Judges complexity and risk on the small tier; a complex task is escalated to the strong one.
   */
  private void classify() {
    classification =
        classifier.classifyTask(
            new ClassificationRequest(
                request.taskId(), request.tenant(), request.taskType(), modelInput));
    countUsage(classification.call());
    if (classification.complexity() == Complexity.COMPLEX && !STRONG_TIER.equals(modelTier)) {
      modelTier = STRONG_TIER;
    }
  }

  /**
   * Retrieves the task's passages. When retrieval fails for good (its retries spent) and the policy
   * allows it, the task goes on without passages, flagged ungrounded, rather than failing.
   */
  private void retrievePassages() {
    try {
      passages =
          List.copyOf(
              retrieval
                  .retrievePassages(
                      new RetrievalRequest(
                          request.taskId(), request.tenant(), request.taskType(), modelInput))
                  .passages());
    } catch (ActivityFailure e) {
      if (isCancellation(e) || !request.policy().proceedUngrounded()) {
        throw e;
      }
      passages = List.of();
      retrievalFailed = true;
      warnings.add(
          "retrieval failed ("
              + StepOptions.failureMessage(e)
              + "); the task went on without passages, so its result is ungrounded");
    }
  }

  /**
   * Drafts and validates until valid. When the repairs on the task's tier are spent, the task is
   * escalated once to the strong tier for as many fresh attempts, fed the last errors; after that,
   * or when it already ran on the strong tier, it fails with the reason. False when the task ended.
   */
  private boolean draftValidOutput() {
    int attemptsPerTier = 1 + Math.max(0, request.policy().maxRepairs());
    List<String> chunkIds = passages.stream().map(PassageRef::chunkId).toList();
    List<String> errors = List.of();
    boolean escalated = false;
    while (true) {
      for (int i = 0; i < attemptsPerTier; i++) {
        int attempt = validations.size() + 1;
        begin(TaskStep.DRAFT_OUTPUT);
        DraftResult draft = draftWithinBudget(attempt, errors);
        if (draft == null) {
          return false;
        }

        begin(TaskStep.VALIDATE_OUTPUT);
        ValidationVerdict verdict =
            validation.validateOutput(
                new ValidationRequest(
                    request.taskType(),
                    draft.output(),
                    chunkIds,
                    retrievalFailed,
                    request.tenant(),
                    request.input()));
        errors = verdict.errors() == null ? List.of() : List.copyOf(verdict.errors());
        validations.add(
            new ValidationAttempt(attempt, modelTier, verdict.valid(), errors, verdict.grounded()));
        if (verdict.valid()) {
          output = draft.output();
          grounded = verdict.grounded();
          return true;
        }
      }
      if (escalated || degraded || STRONG_TIER.equals(modelTier)) {
        break;
      }
      escalated = true;
      warnings.add(
          "output failed validation "
              + attemptsPerTier
              + " times on the "
              + modelTier
              + " tier; escalated to the strong tier");
      modelTier = STRONG_TIER;
    }
    finish(TaskStatus.FAILED, validationFailure(errors));
    return false;
  }

  /**
   * E.g. "output failed validation after 4 attempts (2 on the small tier, 2 on the strong tier)".
   */
  private String validationFailure(List<String> lastErrors) {
    Map<String, Integer> perTier = new LinkedHashMap<>();
    validations.forEach(v -> perTier.merge(v.modelTier(), 1, Integer::sum));
    StringJoiner tiers = new StringJoiner(", ");
    perTier.forEach((tier, count) -> tiers.add(count + " on the " + tier + " tier"));
    return "output failed validation after "
        + validations.size()
        + " attempts ("
        + tiers
        + "): "
        + String.join("; ", lastErrors);
  }

  /**
   * One model draft held to the budget: refused before the call when its estimate does not fit,
   * checked after it. Either breach follows the budget's policy; null when that ended the task.
   */
  private DraftResult draftWithinBudget(int attempt, List<String> errors) {
    while (true) {
      try {
        DraftResult draft =
            reasoning.draftOutput(
                new DraftRequest(
                    request.taskId(),
                    request.tenant(),
                    request.taskType(),
                    modelTier,
                    modelInput,
                    passages,
                    attempt,
                    errors,
                    usage.costUsd(),
                    budget.ceiling(),
                    prompt));
        draft.discardedCalls().forEach(this::countUsage);
        countUsage(draft.call());
        String overBudget =
            budget.violation(usage.costUsd(), Workflow.currentTimeMillis() - startedAtMillis);
        return overBudget == null || overrunAllowed(overBudget, true) ? draft : null;
      } catch (ActivityFailure e) {
        if (!BudgetGuard.isRefusal(e)) {
          throw e;
        }
        if (!overrunAllowed(StepOptions.failureMessage(e), false)) {
          return null;
        }
      }
    }
  }

  /**
   * Applies the budget's breach policy; true when the task may go on (on a cheaper tier, or with an
   * approved overrun), false when it has ended.
   */
  private boolean overrunAllowed(String why, boolean afterCall) {
    BudgetGuard.Response response = budget.onBreach(why, afterCall, modelTier);
    switch (response.action()) {
      case CONTINUE -> {
        if (!response.tier().equals(modelTier)) {
          modelTier = response.tier();
          degraded = true;
        }
        warnings.add(response.message());
        return true;
      }
      case ASK_APPROVAL -> {
        return overrunApproved(why);
      }
      default -> {
        finish(TaskStatus.FAILED, response.message());
        return false;
      }
    }
  }

  /**
   * Asks an approver to allow spending past the budget, with the reminders and escalation of the
   * task type's approval policy; false when refused or expired. Expiry never approves spending.
   */
  private boolean overrunApproved(String why) {
    ApprovalGate.Ask ask =
        ApprovalGate.Ask.forOverrun(
            request.policy().approval(), why, usage.costUsd(), budget.maxCostUsd());
    ApprovalGate.Outcome answer = awaitDecision(ask);
    if (answer.expired()) {
      finish(
          TaskStatus.EXPIRED, "budget overrun was not approved within " + ask.sla() + ": " + why);
      return false;
    }
    if (!answer.approved()) {
      finish(
          TaskStatus.REJECTED,
          "budget overrun rejected by " + answer.decision().decidedBy() + ": " + why);
      return false;
    }
    budget.waive();
    warnings.add(why + "; overrun approved by " + answer.approvedBy());
    changeStatus(TaskStatus.RUNNING);
    return true;
  }

  private void countUsage(ModelCall call) {
    if (call == null) {
      return;
    }
    usage = usage.plus(call);
    searchAttributes.usage(call, usage);
  }

  /** Waits for a decision when the policy asks for one; false when the task has ended. */
  private boolean awaitApprovalIfRequired() {
    ApprovalPolicy approval = request.policy().approval();
    if (approval == null) {
      return true;
    }
    ApprovalGate.Ask ask =
        ApprovalGate.Ask.forOutput(
            approval,
            request.policy().actionKind(),
            output,
            classification == null ? null : classification.risk(),
            grounded);
    if (ask == null) {
      return true;
    }
    ApprovalGate.Outcome answer = awaitDecision(ask);
    if (answer.expired() && !answer.approved()) {
      finish(TaskStatus.EXPIRED, "approval expired after " + approval.sla());
      return false;
    }
    if (!answer.approved()) {
      DecisionRecord rejection = answer.decision();
      finish(
          TaskStatus.REJECTED, "rejected by " + rejection.decidedBy() + ": " + rejection.comment());
      return false;
    }
    changeStatus(TaskStatus.RUNNING);
    return true;
  }

  /**
   * Opens an approval request and waits for its outcome, publishing each change an approver sees.
   */
  private ApprovalGate.Outcome awaitDecision(ApprovalGate.Ask ask) {
    begin(TaskStep.AWAIT_APPROVAL);
    return gate.await(request, ask, () -> changeStatus(TaskStatus.AWAITING_APPROVAL));
  }

  @Override
  public TaskState state() {
    if (request == null) {
      return null;
    }
    return new TaskState(
        request.taskId(),
        request.tenant(),
        request.taskType(),
        request.requestedBy(),
        status,
        currentStep,
        List.copyOf(stepsDone),
        usage,
        passages,
        output,
        grounded,
        gate.pending(),
        gate.lastOutcome(),
        action,
        reason,
        startedAtMillis,
        updatedAtMillis,
        List.copyOf(warnings),
        classification,
        modelTier,
        gate.decisions(),
        gate.events(),
        List.copyOf(validations),
        prompt);
  }

  @Override
  public void validateDecision(DecisionRequest d) {
    gate.validate(request, status, d);
  }

  @Override
  public DecisionRecord decide(DecisionRequest d) {
    return gate.accept(d);
  }

  private void begin(TaskStep step) {
    stepsDone.add(currentStep);
    currentStep = step;
    updatedAtMillis = now();
    searchAttributes.step(step);
  }

  /**
   * Moves to {@code next} and records it in the read model without waiting: the read model is a
   * projection, so an Elasticsearch outage must not stall or fail the task. Its writes retry for a
   * long time and carry a version, so a late write never overwrites a newer state.
   */
  private void changeStatus(TaskStatus next) {
    status = next;
    updatedAtMillis = now();
    searchAttributes.status(next);
    pendingRecords.add(
        Async.procedure(readModel::recordTaskState, new TaskRecord(state(), readModelVersion++)));
  }

  /**
   * Ends the task. A read model that cannot be written after its retries does not turn a final
   * state into a thrown failure: the state stays the workflow's result and the failed write stays
   * visible in history.
   */
  private void finish(TaskStatus finalStatus, String why) {
    reason = why;
    gate.abandon();
    changeStatus(finalStatus);
    awaitRecords();
  }

  /**
   * Waits until the read model has every state, the final one included, so that a finished task is
   * never listed as running. A write that failed for good is logged, not thrown.
   */
  private void awaitRecords() {
    for (Promise<Void> record : pendingRecords) {
      try {
        record.get();
      } catch (ActivityFailure e) {
        log.warn(
            "task {} ended {} but its read model was not updated", request.taskId(), status, e);
      }
    }
    pendingRecords.clear();
  }

  /**
   * Records CANCELLED in the read model and search attributes before the cancellation is rethrown.
   * Returning normally would not help: once a cancel was requested the SDK reports the run as
   * Canceled and drops the result whatever the method returns. The final state stays readable
   * through the query and the read model. The write runs in a detached scope because activities in
   * the cancelled root scope would be cancelled at once.
   */
  private void endCancelled() {
    Workflow.newDetachedCancellationScope(
            () -> finish(TaskStatus.CANCELLED, "cancelled by request"))
        .run();
  }

  private static boolean isCancellation(ActivityFailure e) {
    return e.getCause() instanceof CanceledFailure
        || CancellationScope.current().isCancelRequested();
  }

  private static long now() {
    return Workflow.currentTimeMillis();
  }
}
