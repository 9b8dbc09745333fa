package dev.steward.activities.task;

import dev.steward.store.task.TaskReadModel;
import dev.steward.workflows.task.TaskRecordActivities;
import dev.steward.workflows.task.TaskStepTypes.TaskRecord;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

/** Writes the workflow's state changes into the task read model. */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class TaskRecordActivitiesImpl implements TaskRecordActivities {

  private final TaskReadModel readModel;

  public TaskRecordActivitiesImpl(TaskReadModel readModel) {
    this.readModel = readModel;
  }

  @Override
  public void recordTaskState(TaskRecord record) {
    readModel.save(record);
  }
}
