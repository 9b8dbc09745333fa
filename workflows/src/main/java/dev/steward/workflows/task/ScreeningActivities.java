package dev.steward.workflows.task;

import dev.steward.workflows.task.TaskStepTypes.ScreenRequest;
import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import io.temporal.activity.ActivityInterface;

/** Checks a task's input before any of it reaches a model. */
@ActivityInterface
public interface ScreeningActivities {
  ScreenVerdict screenInput(ScreenRequest request);
}
