package dev.steward.workflows.task;

/** One model call of a step: who answered, how many tokens, what it cost, how long it took. */
public record ModelCall(
    String step,
    String provider,
    String model,
    int promptTokens,
    int completionTokens,
    double costUsd,
    long latencyMillis) {}
