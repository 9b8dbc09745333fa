package dev.steward.workflows.task;

import dev.steward.workflows.task.PromptTypes.PromptRef;
import dev.steward.workflows.task.PromptTypes.PromptRequest;
import io.temporal.activity.ActivityInterface;

/**
 * Resolves which version of its task type's prompt a task uses, once: the answer is pinned in
 * history, so moving a label later affects new tasks only.
 */
@ActivityInterface
public interface PromptActivities {
  PromptRef resolvePrompt(PromptRequest request);
}
