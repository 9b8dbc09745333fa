package dev.steward.workflows.task;

import java.util.List;

/**
 * A note to the approvers of a tenant that a task still waits for them.
 *
 * @param roles the roles to notify: approvers, or the escalation group
 */
public record ApprovalNotice(
    String taskId,
    String tenant,
    String taskType,
    Kind kind,
    List<String> roles,
    String actionKind,
    String actionHash,
    long expiresAtMillis) {

  /** Why the approvers are notified. */
  public enum Kind {
    REMINDER,
    ESCALATION
  }
}
