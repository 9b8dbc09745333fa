package dev.steward.api.task;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.api.security.StewardPrincipal;
import dev.steward.store.task.TaskReadModel;
import dev.steward.workflows.task.TaskState;
import dev.steward.workflows.task.TaskStatus;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowQueryException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Reads tasks for their tenant: one task live from its workflow, lists from the read model (which
 * every Temporal server supports, the in-process test server included).
 */
@Component
public class TaskQueries {

  /** Most tasks one list request returns. */
  public static final int MAX_LIMIT = 200;

  private final WorkflowClient workflows;
  private final TaskReadModel readModel;

  TaskQueries(WorkflowClient workflows, TaskReadModel readModel) {
    this.workflows = workflows;
    this.readModel = readModel;
  }

  /** The live state of one of the principal's tenant's tasks; 404 for any other task. */
  TaskState state(StewardPrincipal principal, String taskId) {
    if (!TaskIds.belongsTo(taskId, principal.tenant())) {
      throw TaskIds.notFound(taskId);
    }
    TaskState state;
    try {
      state = workflows.newWorkflowStub(TaskWorkflow.class, taskId).state();
    } catch (WorkflowException e) {
      if (TemporalErrors.isNotFound(e)) {
        throw TaskIds.notFound(taskId);
      }
      if (!(e instanceof WorkflowQueryException)) {
        throw e;
      }
      // No worker could answer (e.g. none running): the last recorded state still helps.
      return readModel.find(principal.tenant(), taskId).orElseThrow(() -> e);
    }
    if (state == null) {
      return readModel.find(principal.tenant(), taskId).orElseThrow(() -> TaskIds.notFound(taskId));
    }
    return state;
  }

  /** The tenant's tasks, newest first; {@code status} is a {@link TaskStatus} name or null. */
  public List<TaskState> list(String tenant, String status, String taskType, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ProblemException(
          Problem.INVALID_PARAMETER, "limit must be between 1 and " + MAX_LIMIT + ".");
    }
    return readModel.search(tenant, parseStatus(status), blankToNull(taskType), limit);
  }

  private static TaskStatus parseStatus(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return TaskStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed = Arrays.stream(TaskStatus.values()).map(Enum::name).toList();
      throw new ProblemException(
          Problem.INVALID_PARAMETER,
          "status must be one of " + String.join(", ", allowed) + "; got '" + status + "'.",
          java.util.Map.of("allowedValues", allowed));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
