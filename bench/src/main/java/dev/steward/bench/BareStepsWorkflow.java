package dev.steward.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A workflow of trivial steps: the baseline that Steward's task workflow is compared with. */
@WorkflowInterface
public interface BareStepsWorkflow {

  /** Its own queue, so that it never competes with the task workers' pollers or slots. */
  String TASK_QUEUE = "bench-bare";

  /** Returns the number of steps run. */
  @WorkflowMethod(name = "BenchBareSteps")
  int run(BareSteps steps);
}
