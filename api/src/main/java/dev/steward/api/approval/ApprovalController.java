package dev.steward.api.approval;

import dev.steward.api.security.StewardPrincipal;
import dev.steward.api.task.TaskQueries;
import dev.steward.workflows.task.DecisionRecord;
import dev.steward.workflows.task.TaskStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The approver's side: the inbox of pending approvals, and decisions on them. */
@RestController
@Tag(name = "Approvals")
class ApprovalController {

  private final TaskQueries queries;
  private final DecisionSender decisions;

  ApprovalController(TaskQueries queries, DecisionSender decisions) {
    this.queries = queries;
    this.decisions = decisions;
  }

  @GetMapping("/v1/approvals")
  @Operation(summary = "The tenant's tasks awaiting approval, each with its pending approval")
  ApprovalList pending(@AuthenticationPrincipal StewardPrincipal approver) {
    return new ApprovalList(
        queries.list(
            approver.tenant(), TaskStatus.AWAITING_APPROVAL.name(), null, TaskQueries.MAX_LIMIT));
  }

  @PostMapping("/v1/tasks/{taskId}/decision")
  @Operation(
      summary = "Approve or reject a task's pending action",
      description =
          "The approver is the authenticated principal; identity fields in the body are"
              + " ignored.")
  DecisionRecord decide(
      @AuthenticationPrincipal StewardPrincipal approver,
      @PathVariable String taskId,
      @Valid @RequestBody DecisionBody body) {
    return decisions.decide(approver, taskId, body);
  }
}
