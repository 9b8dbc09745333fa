package dev.steward.api.feedback;

import dev.steward.api.task.TaskIds;
import dev.steward.store.task.TaskReadModel;
import dev.steward.workflows.task.TaskState;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds a task's state for feedback: the read model when it already shows the task finished, else
 * the workflow itself, since the read model follows a task's end a moment later.
 */
@Component
class FinishedTasks {

  private final TaskReadModel readModel;
  private final WorkflowClient workflows;

  FinishedTasks(TaskReadModel readModel, WorkflowClient workflows) {
    this.readModel = readModel;
    this.workflows = workflows;
  }

  /** The tenant's task as last known; 404 when there is none. */
  TaskState find(String tenant, String taskId) {
    Optional<TaskState> recorded = readModel.find(tenant, taskId);
    if (recorded.isPresent() && recorded.get().status().isFinal()) {
      return recorded.get();
    }
    try {
      TaskState live = workflows.newWorkflowStub(TaskWorkflow.class, taskId).state();
      if (live != null && tenant.equals(live.tenant())) {
        return live;
      }
    } catch (WorkflowException e) {
      // No such run, or no worker or server to answer: the recorded state is what there is.
    }
    return recorded.orElseThrow(() -> TaskIds.notFound(taskId));
  }
}
