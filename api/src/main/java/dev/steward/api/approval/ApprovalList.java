package dev.steward.api.approval;

import dev.steward.workflows.task.TaskState;
import java.util.List;

/** The tasks of a tenant that wait for an approver, each with its pending approval. */
record ApprovalList(List<TaskState> approvals) {}
