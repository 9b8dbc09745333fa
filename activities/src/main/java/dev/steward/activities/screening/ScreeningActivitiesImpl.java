package dev.steward.activities.screening;

import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.ScreeningActivities;
import dev.steward.workflows.task.TaskStepTypes.ScreenRequest;
import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import org.springframework.stereotype.Component;

/** The screening step: blocks input that must not reach a model, with a reason users can read. */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class ScreeningActivitiesImpl implements ScreeningActivities {

  private final TaskTypeRegistry taskTypes;

  public ScreeningActivitiesImpl(TaskTypeRegistry taskTypes) {
    this.taskTypes = taskTypes;
  }

  @Override
  public ScreenVerdict screenInput(ScreenRequest request) {
    int maxChars = taskTypes.get(request.taskType()).maxInputChars();
    List<String> findings = InputScreen.findings(request.input(), maxChars);
    if (findings.isEmpty()) {
      return new ScreenVerdict(true, null, List.of());
    }
    return new ScreenVerdict(
        false,
        "The request was blocked by input screening: " + findings.getFirst() + ".",
        findings);
  }
}
