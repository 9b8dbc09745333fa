package dev.steward.workflows.task;

import dev.steward.workflows.task.TaskStepTypes.DraftRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import io.temporal.activity.ActivityInterface;

/** Asks a model for the task's structured output, grounded in the retrieved passages. */
@ActivityInterface
public interface ReasoningActivities {
  DraftResult draftOutput(DraftRequest request);
}
