package dev.steward.activities.classification;

import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.workflows.task.ClassificationTypes.ClassificationRequest;
import dev.steward.workflows.task.ClassificationTypes.TaskClassification;

/** Judges a task's complexity and risk from its type and input. */
public interface TaskClassifier {

  /** Name of the classification step in model calls. */
  String STEP = "ClassifyTask";

  TaskClassification classify(TaskTypeDefinition type, ClassificationRequest request);

  /** The input as {@code field: value} lines, in a stable order. */
  static String describe(ClassificationRequest request) {
    StringBuilder text = new StringBuilder();
    new java.util.TreeMap<>(request.input())
        .forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    return text.toString().strip();
  }
}
