package dev.steward.workflows.task;

import dev.steward.workflows.task.ClassificationTypes.ClassificationRequest;
import dev.steward.workflows.task.ClassificationTypes.TaskClassification;
import io.temporal.activity.ActivityInterface;

/** Judges how complex and how risky a task's input is, so the workflow can pick a model tier. */
@ActivityInterface
public interface ClassificationActivities {
  TaskClassification classifyTask(ClassificationRequest request);
}
