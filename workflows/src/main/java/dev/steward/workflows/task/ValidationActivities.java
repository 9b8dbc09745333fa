package dev.steward.workflows.task;

import dev.steward.workflows.task.TaskStepTypes.ValidationRequest;
import dev.steward.workflows.task.TaskStepTypes.ValidationVerdict;
import io.temporal.activity.ActivityInterface;

/** Checks a draft against the task type's output schema, its citations and its policy. */
@ActivityInterface
public interface ValidationActivities {
  ValidationVerdict validateOutput(ValidationRequest request);
}
