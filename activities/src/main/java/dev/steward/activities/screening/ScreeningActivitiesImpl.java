package dev.steward.activities.screening;

import dev.steward.store.redaction.RedactionRecord;
import dev.steward.store.redaction.RedactionStore;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.ScreeningActivities;
import dev.steward.workflows.task.TaskStepTypes.ScreenRequest;
import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The screening step: blocks input that must not reach a model, with a reason users can read, and
 * hands later steps the input with personal data replaced by placeholders. The placeholders' values
 * go to the redaction store, never into the verdict, so they stay out of workflow history.
 */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class ScreeningActivitiesImpl implements ScreeningActivities {

  private final TaskTypeRegistry taskTypes;
  private final InputScreen screen;
  private final RedactionStore redactions;
  private final ScreeningProperties properties;

  public ScreeningActivitiesImpl(
      TaskTypeRegistry taskTypes,
      InputScreen screen,
      RedactionStore redactions,
      ScreeningProperties properties) {
    this.taskTypes = taskTypes;
    this.screen = screen;
    this.redactions = redactions;
    this.properties = properties;
  }

  @Override
  public ScreenVerdict screenInput(ScreenRequest request) {
    TaskTypeDefinition type = taskTypes.get(request.taskType());
    double threshold = type.screening().injectionThreshold(properties.injectionThreshold());
    InputScreen.Outcome outcome = screen.screen(request.input(), type.maxInputChars(), threshold);
    if (!outcome.allowed()) {
      return new ScreenVerdict(
          false,
          outcome.reason(),
          outcome.findings(),
          Map.of(),
          List.of(),
          outcome.injectionScore());
    }
    PiiRedactor.Redaction redaction = outcome.redaction();
    if (redaction.found()) {
      redactions.save(
          new RedactionRecord(
              request.taskId(),
              request.tenant(),
              redaction.values(),
              redaction.kinds(),
              System.currentTimeMillis()));
    }
    return new ScreenVerdict(
        true, null, List.of(), redaction.input(), redaction.kinds(), outcome.injectionScore());
  }
}
