package dev.steward.workflows.task;

/**
 * Something that happened to an approval request while it waited, for the task's audit trail.
 *
 * @param detail what a reader needs to know (the reasons asked, the roles notified)
 */
public record ApprovalEvent(long atMillis, Kind kind, String actionKind, String detail) {

  /** The life of an approval request, apart from the decisions themselves. */
  public enum Kind {
    REQUESTED,
    REMINDED,
    ESCALATED,
    EXPIRED
  }
}
