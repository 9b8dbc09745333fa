package dev.steward.activities.classification;

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

  public ClassificationActivitiesImpl(TaskTypeRegistry taskTypes, TaskClassifier classifier) {
    this.taskTypes = taskTypes;
    this.classifier = classifier;
  }

  @Override
  public TaskClassification classifyTask(ClassificationRequest request) {
    return classifier.classify(taskTypes.get(request.taskType()), request);
  }
}
