package dev.steward.workflows.task;

import java.util.List;
import java.util.Map;

/**
 * A task's live state (the query) and, once final, its result.
 *
 * @param output the validated structured output (answer, decision, citations), or null
 * @param passages the passages retrieved for the task; citations must be among them
 * @param grounded false when the answer could not be grounded in retrieved passages
 * @param warnings what went wrong without ending the task (e.g. retrieval failed, so the answer is
 *     ungrounded)
 * @param classification the classify step's verdict on complexity and risk
 * @param modelTier the tier reasoning runs on: the task type's, escalated or degraded
 * @param pendingApproval the approval request open now, or null
 * @param decision the decision that closed the latest approval request (an approver's, or the
 *     policy's on expiry), or null; every decision is in {@code decisions}
 * @param decisions every decision on the task in order: budget overruns, each approver of a
 *     two-approver rule, rejections and expiries
 * @param approvalEvents what happened to approval requests besides decisions: requested, reminded,
 *     escalated, expired
 * @param validations the validation verdict of each draft, with the tier that drafted it
 * @param prompt the prompt version the task is pinned to, or null before it is resolved (and for
 *     runs that started before prompts were resolved per task)
 */
public record TaskState(
    String taskId,
    String tenant,
    String taskType,
    String requestedBy,
    TaskStatus status,
    TaskStep currentStep,
    List<TaskStep> stepsDone,
    Usage usage,
    List<PassageRef> passages,
    Map<String, Object> output,
    boolean grounded,
    PendingApproval pendingApproval,
    DecisionRecord decision,
    ActionReceipt action,
    String reason,
    long startedAtMillis,
    long updatedAtMillis,
    List<String> warnings,
    ClassificationTypes.TaskClassification classification,
    String modelTier,
    List<DecisionRecord> decisions,
    List<ApprovalEvent> approvalEvents,
    List<ValidationAttempt> validations,
    PromptTypes.PromptRef prompt) {

  /** A state without a pinned prompt. */
  public TaskState(
      String taskId,
      String tenant,
      String taskType,
      String requestedBy,
      TaskStatus status,
      TaskStep currentStep,
      List<TaskStep> stepsDone,
      Usage usage,
      List<PassageRef> passages,
      Map<String, Object> output,
      boolean grounded,
      PendingApproval pendingApproval,
      DecisionRecord decision,
      ActionReceipt action,
      String reason,
      long startedAtMillis,
      long updatedAtMillis,
      List<String> warnings,
      ClassificationTypes.TaskClassification classification,
      String modelTier,
      List<DecisionRecord> decisions,
      List<ApprovalEvent> approvalEvents,
      List<ValidationAttempt> validations) {
    this(
        taskId,
        tenant,
        taskType,
        requestedBy,
        status,
        currentStep,
        stepsDone,
        usage,
        passages,
        output,
        grounded,
        pendingApproval,
        decision,
        action,
        reason,
        startedAtMillis,
        updatedAtMillis,
        warnings,
        classification,
        modelTier,
        decisions,
        approvalEvents,
        validations,
        null);
  }
}
