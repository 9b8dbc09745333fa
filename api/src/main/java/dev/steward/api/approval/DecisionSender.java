package dev.steward.api.approval;

import dev.steward.api.observability.DecisionLatency;
import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.api.security.StewardPrincipal;
import dev.steward.api.task.TaskIds;
import dev.steward.api.task.TemporalErrors;
import dev.steward.store.task.TaskReadModel;
import dev.steward.workflows.task.DecisionRecord;
import dev.steward.workflows.task.DecisionRequest;
import dev.steward.workflows.task.StaleActionException;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Sends an approver's decision to the task's workflow as an Update, and translates the workflow's
 * validator rejections into problems the approver can read.
 */
@Component
class DecisionSender {

  private final WorkflowClient workflows;
  private final TaskReadModel readModel;
  private final ObjectProvider<DecisionLatency> latency;

  DecisionSender(
      WorkflowClient workflows, TaskReadModel readModel, ObjectProvider<DecisionLatency> latency) {
    this.workflows = workflows;
    this.readModel = readModel;
    this.latency = latency;
  }

  DecisionRecord decide(StewardPrincipal approver, String taskId, DecisionBody body) {
    if (!TaskIds.belongsTo(taskId, approver.tenant())) {
      throw TaskIds.notFound(taskId);
    }
    DecisionRequest.Verdict verdict = parseVerdict(body.verdict());
    if (verdict == DecisionRequest.Verdict.APPROVE
        && (body.actionHash() == null || body.actionHash().isBlank())) {
      throw new ProblemException(
          Problem.INVALID_REQUEST,
          "actionHash is required to approve: send the pendingApproval.actionHash you decided on.");
    }
    DecisionRequest request =
        new DecisionRequest(
            approver.name(),
            approver.tenant(),
            approver.roles(),
            verdict,
            body.comment(),
            body.actionHash());
    try {
      DecisionRecord decided =
          workflows.newWorkflowStub(TaskWorkflow.class, taskId).decide(request);
      latency.ifAvailable(l -> l.accepted(approver.tenant(), taskId, decided));
      return decided;
    } catch (WorkflowUpdateException e) {
      throw rejection(e);
    } catch (WorkflowException e) {
      if (TemporalErrors.isNotFound(e)) {
        throw notFoundOrFinished(approver.tenant(), taskId);
      }
      throw e;
    }
  }

  /**
   * The validator's exception arrives as an {@link ApplicationFailure} named after its original
   * class: StaleActionException means the action changed since the approver loaded it,
   * IllegalStateException that the task is not waiting for this decision, and
   * IllegalArgumentException that this approver may not make it.
   */
  private static RuntimeException rejection(WorkflowUpdateException e) {
    if (e.getCause() instanceof ApplicationFailure failure) {
      String type = failure.getType();
      if (StaleActionException.class.getName().equals(type)) {
        return new ProblemException(Problem.STALE_ACTION, message(failure));
      }
      if (IllegalStateException.class.getName().equals(type)) {
        return new ProblemException(Problem.TASK_NOT_AWAITING_DECISION, message(failure));
      }
      if (IllegalArgumentException.class.getName().equals(type)) {
        return new ProblemException(Problem.DECISION_NOT_ALLOWED, message(failure));
      }
    }
    return e;
  }

  private static String message(ApplicationFailure failure) {
    String message = failure.getOriginalMessage();
    return message == null || message.isBlank() ? "The decision was rejected." : message;
  }

  /** A completed workflow no longer takes updates; the read model tells it from a missing one. */
  private ProblemException notFoundOrFinished(String tenant, String taskId) {
    return readModel
        .find(tenant, taskId)
        .map(state ->
            new ProblemException(
                Problem.TASK_NOT_AWAITING_DECISION,
                "the task is not awaiting approval; its status is " + state.status()))
        .orElseGet(() -> TaskIds.notFound(taskId));
  }

  private static DecisionRequest.Verdict parseVerdict(String verdict) {
    try {
      return DecisionRequest.Verdict.valueOf(verdict.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          Problem.INVALID_REQUEST,
          "verdict must be one of "
              + String.join(
                  ", ", Arrays.stream(DecisionRequest.Verdict.values()).map(Enum::name).toList())
              + ".");
    }
  }
}
