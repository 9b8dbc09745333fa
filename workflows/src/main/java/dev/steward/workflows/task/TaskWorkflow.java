package dev.steward.workflows.task;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One business LLM task: screen, retrieve, reason, validate, approve when risky, act. */
@WorkflowInterface
public interface TaskWorkflow {

  /** Task queue the task workflows and their activities run on. */
  String TASK_QUEUE = "steward-tasks";

  @WorkflowMethod(name = "StewardTask")
  TaskState run(TaskRequest request);

  /** Live state: current step, steps done, usage so far, pending decision. */
  @QueryMethod(name = "state")
  TaskState state();

  @UpdateValidatorMethod(updateName = "decide")
  void validateDecision(DecisionRequest request);

  /** An approver's decision on the pending proposed action; identity comes from the caller. */
  @UpdateMethod(name = "decide")
  DecisionRecord decide(DecisionRequest request);
}
