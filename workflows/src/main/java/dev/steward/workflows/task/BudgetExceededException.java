package dev.steward.workflows.task;

/**
 * A model call was refused before it was made because the task's remaining cost budget cannot cover
 * its estimate; retrying cannot help.
 */
public class BudgetExceededException extends RuntimeException {
  public BudgetExceededException(String message) {
    super(message);
  }
}
