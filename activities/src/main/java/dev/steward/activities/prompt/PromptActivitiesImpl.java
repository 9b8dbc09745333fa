package dev.steward.activities.prompt;

import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.PromptActivities;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import dev.steward.workflows.task.PromptTypes.PromptRequest;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

/** The prompt-resolution step: the task type's bundled prompt (the registry replaces this). */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class PromptActivitiesImpl implements PromptActivities {

  private final TaskTypeRegistry taskTypes;

  public PromptActivitiesImpl(TaskTypeRegistry taskTypes) {
    this.taskTypes = taskTypes;
  }

  @Override
  public PromptRef resolvePrompt(PromptRequest request) {
    TaskTypeDefinition type = taskTypes.get(request.taskType());
    return new PromptRef(type.prompt().id(), type.prompt().version(), "bundled");
  }
}
