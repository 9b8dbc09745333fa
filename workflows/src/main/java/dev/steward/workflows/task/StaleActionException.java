package dev.steward.workflows.task;

/**
 * A decision quoted the hash of an action other than the one pending: the proposal changed since
 * the approver loaded it. The decision Update's validator throws it; the API answers 409.
 */
public class StaleActionException extends IllegalStateException {
  public StaleActionException(String message) {
    super(message);
  }
}
