package dev.steward.activities.classification;

import dev.steward.store.model.ModelCallJournal;
import dev.steward.store.model.ModelCallKey;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.ClassificationActivities;
import dev.steward.workflows.task.ClassificationTypes.ClassificationRequest;
import dev.steward.workflows.task.ClassificationTypes.TaskClassification;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

/** The classification step: the configured small model, or the offline exemplar classifier. */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class ClassificationActivitiesImpl implements ClassificationActivities {

  private final TaskTypeRegistry taskTypes;
  private final TaskClassifier classifier;
  private final ModelCallJournal journal;

  public ClassificationActivitiesImpl(
      TaskTypeRegistry taskTypes, TaskClassifier classifier, ModelCallJournal journal) {
    this.taskTypes = taskTypes;
    this.classifier = classifier;
    this.journal = journal;
  }

  /**
   * A task is classified once per run (attempt 1); a retry after its worker died returns the answer
   * already paid for.
   */
  @Override
  public TaskClassification classifyTask(ClassificationRequest request) {
    return journal.once(
        new ModelCallKey(request.taskId(), TaskClassifier.STEP, 1),
        TaskClassification.class,
        () -> classifier.classify(taskTypes.get(request.taskType()), request));
  }
}
