package dev.steward.workflows.task;

import static dev.steward.workflows.task.StewardSearchAttributes.COST_USD;
import static dev.steward.workflows.task.StewardSearchAttributes.MODEL;
import static dev.steward.workflows.task.StewardSearchAttributes.STATUS;
import static dev.steward.workflows.task.StewardSearchAttributes.TASK_TYPE;
import static dev.steward.workflows.task.StewardSearchAttributes.TENANT;

import dev.steward.workflows.StepOptions;
import dev.steward.workflows.task.DecisionRequest.Verdict;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  private final ScreeningActivities screening =
      Workflow.newActivityStub(ScreeningActivities.class, TaskActivityOptions.SCREENING);
  private final RetrievalActivities retrieval =
      Workflow.newActivityStub(RetrievalActivities.class, TaskActivityOptions.RETRIEVAL);
  private final ReasoningActivities reasoning =
      Workflow.newActivityStub(ReasoningActivities.class, TaskActivityOptions.REASONING);
  private final ValidationActivities validation =
      Workflow.newActivityStub(ValidationActivities.class, TaskActivityOptions.VALIDATION);
  private final ActionActivities actions =
      Workflow.newActivityStub(ActionActivities.class, TaskActivityOptions.ACTION);
  private final TaskRecordActivities readModel =
      Workflow.newActivityStub(TaskRecordActivities.class, TaskActivityOptions.READ_MODEL);

  /** Null only before {@link #run} starts; queries and updates may not assume otherwise. */
  private TaskRequest request;

  private TaskStatus status = TaskStatus.RUNNING;
  private TaskStep currentStep = TaskStep.SCREEN_INPUT;
  private final List<TaskStep> stepsDone = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private boolean retrievalFailed;
  private Usage usage = Usage.none();
  private List<PassageRef> passages = List.of();
  private Map<String, Object> output;
  private boolean grounded;
  private PendingApproval pendingApproval;
  private DecisionRecord decision;
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
    startedAtMillis = Workflow.currentTimeMillis();
    updatedAtMillis = startedAtMillis;
    try {
      Workflow.upsertTypedSearchAttributes(
          TASK_TYPE.valueSet(request.taskType()), TENANT.valueSet(request.tenant()));
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

  private void runSteps() {
    ScreenVerdict screen =
        screening.screenInput(
            new ScreenRequest(
                request.taskId(), request.tenant(), request.taskType(), request.input()));
    if (!screen.allowed()) {
      finish(TaskStatus.REJECTED, screen.reason());
      return;
    }

    begin(TaskStep.RETRIEVE_PASSAGES);
    retrievePassages();

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
                          request.taskId(), request.tenant(), request.taskType(), request.input()))
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

  /** Drafts and validates until valid or out of repairs; false when the task has ended. */
  private boolean draftValidOutput() {
    TaskPolicy policy = request.policy();
    int attempts = 1 + Math.max(0, policy.maxRepairs());
    List<String> chunkIds = passages.stream().map(PassageRef::chunkId).toList();
    List<String> errors = List.of();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      begin(TaskStep.DRAFT_OUTPUT);
      DraftResult draft =
          reasoning.draftOutput(
              new DraftRequest(
                  request.taskId(),
                  request.tenant(),
                  request.taskType(),
                  policy.modelTier(),
                  request.input(),
                  passages,
                  attempt,
                  errors));
      countUsage(draft.call());
      String overBudget = budgetViolation();
      if (overBudget != null) {
        finish(TaskStatus.FAILED, overBudget);
        return false;
      }

      begin(TaskStep.VALIDATE_OUTPUT);
      ValidationVerdict verdict =
          validation.validateOutput(
              new ValidationRequest(request.taskType(), draft.output(), chunkIds, retrievalFailed));
      if (verdict.valid()) {
        output = draft.output();
        grounded = verdict.grounded();
        return true;
      }
      errors = verdict.errors() == null ? List.of() : List.copyOf(verdict.errors());
    }
    finish(
        TaskStatus.FAILED,
        "output failed validation after " + attempts + " attempts: " + String.join("; ", errors));
    return false;
  }

  private void countUsage(ModelCall call) {
    if (call == null) {
      return;
    }
    usage = usage.plus(call);
    if (call.model() != null) {
      Workflow.upsertTypedSearchAttributes(MODEL.valueSet(call.model()));
    }
    Workflow.upsertTypedSearchAttributes(COST_USD.valueSet(usage.costUsd()));
  }

  private String budgetViolation() {
    TaskBudget budget = request.policy().budget();
    return budget == null
        ? null
        : budget.violation(usage.costUsd(), Workflow.currentTimeMillis() - startedAtMillis);
  }

  /** Waits for a decision when the policy asks for one; false when the task has ended. */
  private boolean awaitApprovalIfRequired() {
    ApprovalPolicy approval = request.policy().approval();
    if (approval == null) {
      return true;
    }
    Double amount = approval.amountIn(output);
    // An amount we cannot read is not waved through: an action of unknown size waits for a human.
    if (amount != null && !approval.requiresApproval(amount)) {
      return true;
    }

    begin(TaskStep.AWAIT_APPROVAL);
    long now = Workflow.currentTimeMillis();
    Duration sla = approval.sla();
    pendingApproval =
        new PendingApproval(
            request.policy().actionKind(),
            output,
            amount,
            approval.threshold(),
            now,
            sla == null ? Long.MAX_VALUE : now + sla.toMillis());
    changeStatus(TaskStatus.AWAITING_APPROVAL);

    if (sla == null) {
      Workflow.await(() -> decision != null);
    } else {
      Workflow.await(sla, () -> decision != null);
    }
    pendingApproval = null;

    // Checked on the field, not on await's result: a decision accepted in the same workflow task
    // as the timer firing still counts.
    if (decision == null) {
      Verdict outcome =
          approval.onExpiry() == ApprovalPolicy.ExpiryOutcome.APPROVE
              ? Verdict.APPROVE
              : Verdict.REJECT;
      decision = DecisionRecord.expired(outcome, Workflow.currentTimeMillis());
      if (outcome == Verdict.REJECT) {
        finish(TaskStatus.EXPIRED, "approval expired after " + sla);
        return false;
      }
    } else if (decision.verdict() == Verdict.REJECT) {
      finish(
          TaskStatus.REJECTED, "rejected by " + decision.decidedBy() + ": " + decision.comment());
      return false;
    }
    changeStatus(TaskStatus.RUNNING);
    return true;
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
        pendingApproval,
        decision,
        action,
        reason,
        startedAtMillis,
        updatedAtMillis,
        List.copyOf(warnings));
  }

  @Override
  public void validateDecision(DecisionRequest d) {
    DecisionRules.check(request, status, decision, d);
  }

  @Override
  public DecisionRecord decide(DecisionRequest d) {
    decision = new DecisionRecord(d.approver(), d.verdict(), d.comment(), now());
    return decision;
  }

  private void begin(TaskStep step) {
    stepsDone.add(currentStep);
    currentStep = step;
    updatedAtMillis = now();
  }

  /**
   * Moves to {@code next} and records it in the read model without waiting: the read model is a
   * projection, so an Elasticsearch outage must not stall or fail the task. Its writes retry for a
   * long time and carry a version, so a late write never overwrites a newer state.
   */
  private void changeStatus(TaskStatus next) {
    status = next;
    updatedAtMillis = now();
    Workflow.upsertTypedSearchAttributes(STATUS.valueSet(next.name()));
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
    pendingApproval = null;
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
