package dev.steward.workflows.task;

import dev.steward.workflows.task.TaskStepTypes.TaskRecord;
import io.temporal.activity.ActivityInterface;

/** Keeps the task read model (lists, approval inbox) in step with the workflow. */
@ActivityInterface
public interface TaskRecordActivities {
  void recordTaskState(TaskRecord record);
}
