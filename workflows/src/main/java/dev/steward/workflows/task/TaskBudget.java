package dev.steward.workflows.task;

import java.time.Duration;

/** Latency deadline and cost ceiling of one task; checked between steps. */
public record TaskBudget(Duration deadline, double maxCostUsd) {}
