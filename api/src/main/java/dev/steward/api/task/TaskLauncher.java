package dev.steward.api.task;

import dev.steward.api.ApiProperties;
import dev.steward.api.security.StewardPrincipal;
import dev.steward.store.task.TaskReadModel;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.workflows.task.StewardSearchAttributes;
import dev.steward.workflows.task.TaskRequest;
import dev.steward.workflows.task.TaskState;
import dev.steward.workflows.task.TaskStatus;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts a task's workflow, at most once per task id: a running run is reused, and a finished one
 * is returned instead of starting a second run.
 */
@Component
class TaskLauncher {

  private static final Logger log = LoggerFactory.getLogger(TaskLauncher.class);

  private final WorkflowClient workflows;
  private final TaskReadModel readModel;
  private final ApiProperties properties;

  TaskLauncher(WorkflowClient workflows, TaskReadModel readModel, ApiProperties properties) {
    this.workflows = workflows;
    this.readModel = readModel;
    this.properties = properties;
  }

  TaskAccepted start(
      StewardPrincipal principal,
      String taskId,
      TaskTypeDefinition type,
      Map<String, Object> input) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskWorkflow.TASK_QUEUE)
            .setWorkflowId(taskId)
            // A running task with this id is the same request again: return it.
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            // A finished one too: without this, Temporal would start a second run.
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setWorkflowExecutionTimeout(properties.taskExecutionTimeout())
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(StewardSearchAttributes.TASK_TYPE, type.name())
                    .set(StewardSearchAttributes.TENANT, principal.tenant())
                    .set(StewardSearchAttributes.STATUS, TaskStatus.RUNNING.name())
                    .build())
            .build();
    TaskWorkflow stub = workflows.newWorkflowStub(TaskWorkflow.class, options);
    TaskRequest request =
        new TaskRequest(
            taskId, principal.tenant(), type.name(), principal.name(), input, type.policy());
    try {
      WorkflowClient.start(stub::run, request);
      return TaskAccepted.of(taskId, TaskStatus.RUNNING.name());
    } catch (WorkflowExecutionAlreadyStarted e) {
      return TaskAccepted.of(taskId, finishedStatus(principal.tenant(), taskId));
    }
  }

  /** The status of a finished run, or UNKNOWN when neither Temporal nor the read model can say. */
  private String finishedStatus(String tenant, String taskId) {
    try {
      TaskState state = workflows.newWorkflowStub(TaskWorkflow.class, taskId).state();
      if (state != null) {
        return state.status().name();
      }
    } catch (WorkflowException e) {
      log.debug("cannot query finished task {}; reading the read model", taskId, e);
    }
    return readModel.find(tenant, taskId).map(s -> s.status().name()).orElse("UNKNOWN");
  }
}
