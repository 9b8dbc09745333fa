package dev.steward.workflows.task;

import io.temporal.activity.ActivityInterface;

/** Tells approvers that a task still waits for their decision (reminders and escalations). */
@ActivityInterface
public interface ApprovalActivities {
  void notifyApprovers(ApprovalNotice notice);
}
