package dev.steward.workflows.task;

/** Where a task stands, as shown to requesters and approvers. */
public enum TaskStatus {
  RUNNING,
  AWAITING_APPROVAL,
  COMPLETED,
  REJECTED,
  EXPIRED,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this != RUNNING && this != AWAITING_APPROVAL;
  }
}
