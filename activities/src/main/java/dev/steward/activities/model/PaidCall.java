package dev.steward.activities.model;

import dev.steward.workflows.task.ModelCall;

/** A model call that was answered, and so paid for: its tokens, cost and latency. */
public record PaidCall(
    ModelTarget target,
    int promptTokens,
    int completionTokens,
    double costUsd,
    long latencyMillis) {

  public ModelCall toModelCall(String step) {
    return new ModelCall(
        step,
        target.provider(),
        target.model(),
        promptTokens,
        completionTokens,
        costUsd,
        latencyMillis);
  }
}
