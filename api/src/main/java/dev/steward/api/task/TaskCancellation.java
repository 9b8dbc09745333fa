package dev.steward.api.task;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.api.security.StewardPrincipal;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Requests cancellation of a running task; the workflow records CANCELLED itself. A finished task
 * cannot be cancelled (409).
 */
@Component
class TaskCancellation {

  private final WorkflowClient workflows;

  TaskCancellation(WorkflowClient workflows) {
    this.workflows = workflows;
  }

  void cancel(StewardPrincipal principal, String taskId) {
    if (!TaskIds.belongsTo(taskId, principal.tenant())) {
      throw TaskIds.notFound(taskId);
    }
    WorkflowStub stub = workflows.newUntypedWorkflowStub(taskId);
    WorkflowExecutionStatus status;
    try {
      status = stub.describe().getStatus();
    } catch (WorkflowException e) {
      if (TemporalErrors.isNotFound(e)) {
        throw TaskIds.notFound(taskId);
      }
      throw e;
    }
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw finished(taskId, describe(status));
    }
    try {
      stub.cancel("cancelled by " + principal.name());
    } catch (WorkflowException e) {
      if (TemporalErrors.isNotFound(e)) {
        // It existed a moment ago: it finished in between.
        throw finished(taskId, "just now");
      }
      throw e;
    }
  }

  private static ProblemException finished(String taskId, String how) {
    return new ProblemException(
        Problem.TASK_FINISHED, "Task " + taskId + " has already finished (" + how + ").");
  }

  private static String describe(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT);
  }
}
