package dev.steward.workflows.task;

import static dev.steward.workflows.task.StewardSearchAttributes.AWAITING_APPROVAL;
import static dev.steward.workflows.task.StewardSearchAttributes.COST_USD;
import static dev.steward.workflows.task.StewardSearchAttributes.MODEL;
import static dev.steward.workflows.task.StewardSearchAttributes.PROMPT;
import static dev.steward.workflows.task.StewardSearchAttributes.STATUS;
import static dev.steward.workflows.task.StewardSearchAttributes.STEP;
import static dev.steward.workflows.task.StewardSearchAttributes.TASK_TYPE;
import static dev.steward.workflows.task.StewardSearchAttributes.TENANT;

import dev.steward.workflows.task.PromptTypes.PromptRef;
import io.temporal.workflow.Workflow;

/**
 * Mirrors a task's progress into its search attributes, for the Temporal UI and visibility queries.
 *
 * <p>Each upsert is a command in history, so which upserts a run makes is fixed by the workflow
 * version it started on: runs from before {@code withStep} do not upsert the step, the open
 * approval or the prompt, and must keep not doing so when they replay.
 */
final class TaskSearchAttributes {

  private final boolean withStep;

  /**
   * @param withStep true for runs that mirror the current step, an open approval and the prompt
   */
  TaskSearchAttributes(boolean withStep) {
    this.withStep = withStep;
  }

  void started(TaskRequest request, TaskStep firstStep) {
    if (withStep) {
      Workflow.upsertTypedSearchAttributes(
          TASK_TYPE.valueSet(request.taskType()),
          TENANT.valueSet(request.tenant()),
          STEP.valueSet(firstStep.name()),
          AWAITING_APPROVAL.valueSet(false));
    } else {
      Workflow.upsertTypedSearchAttributes(
          TASK_TYPE.valueSet(request.taskType()), TENANT.valueSet(request.tenant()));
    }
  }

  void step(TaskStep step) {
    if (withStep) {
      Workflow.upsertTypedSearchAttributes(STEP.valueSet(step.name()));
    }
  }

  void status(TaskStatus status) {
    if (withStep) {
      Workflow.upsertTypedSearchAttributes(
          STATUS.valueSet(status.name()),
          AWAITING_APPROVAL.valueSet(status == TaskStatus.AWAITING_APPROVAL));
    } else {
      Workflow.upsertTypedSearchAttributes(STATUS.valueSet(status.name()));
    }
  }

  /** The model of the latest call and the cost so far. */
  void usage(ModelCall call, Usage usage) {
    if (call.model() != null) {
      Workflow.upsertTypedSearchAttributes(MODEL.valueSet(call.model()));
    }
    Workflow.upsertTypedSearchAttributes(COST_USD.valueSet(usage.costUsd()));
  }

  void prompt(PromptRef prompt) {
    Workflow.upsertTypedSearchAttributes(PROMPT.valueSet(prompt.toString()));
  }
}
