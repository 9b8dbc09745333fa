package dev.steward.workflows.task;

/** A step was asked about a task type that is not configured; retrying cannot help. */
public class UnknownTaskTypeException extends RuntimeException {
  public UnknownTaskTypeException(String taskType) {
    super("unknown task type: " + taskType);
  }
}
