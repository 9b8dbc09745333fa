package dev.steward.bench;

import dev.steward.workflows.StepOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the local activities, then the activities, one upsert before each step (the rest at the
 * end), with the records around them.
 */
public class BareStepsWorkflowImpl implements BareStepsWorkflow {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** One of Steward's registered search attributes, which the dev server knows. */
  private static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("StewardStatus");

  /** Same timeout and retry policy as a task step, so that only the step's work differs. */
  private final BareStepActivities activities =
      Workflow.newActivityStub(BareStepActivities.class, StepOptions.step(TIMEOUT, 5));

  private final BareStepActivities local =
      Workflow.newLocalActivityStub(
          BareStepActivities.class,
          LocalActivityOptions.newBuilder().setStartToCloseTimeout(TIMEOUT).build());

  private int upserted;

  @Override
  public int run(BareSteps steps) {
    List<Promise<Void>> records = new ArrayList<>();
    if (steps.asyncRecords() > 0) {
      records.add(Async.procedure(activities::record, "started"));
    }
    String value = "x";
    for (int i = 0; i < steps.localActivities(); i++) {
      upsert(steps);
      value = local.step(value);
    }
    for (int i = 0; i < steps.activities(); i++) {
      upsert(steps);
      value = activities.step(value);
    }
    while (upserted < steps.upserts()) {
      upsert(steps);
    }
    for (int i = 1; i < steps.asyncRecords(); i++) {
      records.add(Async.procedure(activities::record, "done"));
    }
    Promise.allOf(records).get();
    return steps.sequentialSteps();
  }

  private void upsert(BareSteps steps) {
    if (upserted < steps.upserts()) {
      Workflow.upsertTypedSearchAttributes(STATUS.valueSet("step-" + upserted++));
    }
  }
}
