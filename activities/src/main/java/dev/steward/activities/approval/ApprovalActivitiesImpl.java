package dev.steward.activities.approval;

import dev.steward.workflows.task.ApprovalActivities;
import dev.steward.workflows.task.ApprovalNotice;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells approvers that a task waits for them. This deployment has no mail or chat integration, so a
 * notice is a structured log line (where such an integration would hook in); the workflow records
 * each notice in the task's {@code approvalEvents}, which the task read model and the approval
 * inbox carry.
 */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class ApprovalActivitiesImpl implements ApprovalActivities {

  private static final Logger log = LoggerFactory.getLogger(ApprovalActivitiesImpl.class);

  private final AtomicLong sent = new AtomicLong();

  @Override
  public void notifyApprovers(ApprovalNotice notice) {
    if (notice == null || notice.taskId() == null || notice.roles() == null) {
      throw new IllegalArgumentException("a notice needs a task and the roles to notify");
    }
    sent.incrementAndGet();
    log.info(
        "approval {} for task {} (tenant {}, type {}): {} {} waits for {} until {}",
        notice.kind(),
        notice.taskId(),
        notice.tenant(),
        notice.taskType(),
        notice.actionKind(),
        notice.actionHash(),
        String.join(", ", notice.roles()),
        Instant.ofEpochMilli(notice.expiresAtMillis()));
  }

  /** Notices sent by this process since it started. */
  public long sent() {
    return sent.get();
  }
}
