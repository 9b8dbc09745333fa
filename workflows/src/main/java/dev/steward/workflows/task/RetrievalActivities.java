package dev.steward.workflows.task;

import dev.steward.workflows.task.TaskStepTypes.RetrievalRequest;
import dev.steward.workflows.task.TaskStepTypes.RetrievalResult;
import io.temporal.activity.ActivityInterface;

/** Finds the tenant's passages relevant to a task. */
@ActivityInterface
public interface RetrievalActivities {
  RetrievalResult retrievePassages(RetrievalRequest request);
}
