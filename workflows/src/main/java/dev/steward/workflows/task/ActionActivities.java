package dev.steward.workflows.task;

import dev.steward.workflows.task.TaskStepTypes.ActionRequest;
import io.temporal.activity.ActivityInterface;

/** Executes a task's side effect exactly once per task id, however often it is retried. */
@ActivityInterface
public interface ActionActivities {
  ActionReceipt executeAction(ActionRequest request);
}
