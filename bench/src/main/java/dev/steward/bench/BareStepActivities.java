package dev.steward.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Activities that do nothing, so that a workflow built on them costs only Temporal's overhead. */
@ActivityInterface
public interface BareStepActivities {

  /** One step: returns its input. */
  @ActivityMethod(name = "BenchStep")
  String step(String input);

  /** Stands in for a read-model write: the task workflow runs those asynchronously. */
  @ActivityMethod(name = "BenchRecord")
  void record(String input);
}
