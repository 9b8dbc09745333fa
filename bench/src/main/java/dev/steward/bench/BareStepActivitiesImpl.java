package dev.steward.bench;

/** Returns at once. */
public class BareStepActivitiesImpl implements BareStepActivities {

  @Override
  public String step(String input) {
    return input;
  }

  @Override
  public void record(String input) {}
}
