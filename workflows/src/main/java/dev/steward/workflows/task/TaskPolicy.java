package dev.steward.workflows.task;

/**
 * The parts of a task type that the workflow itself decides on.
 *
 * @param modelTier tier the reasoning step asks for (small or strong)
 * @param maxRepairs how many times an invalid output is sent back to the model with its errors
 * @param approval when a proposed action needs a human, or null when it never does
 * @param actionKind the side effect executed once a result is accepted, or null for none
 * @param budget latency and cost limits of the task
 * @param proceedUngrounded when retrieval fails for good, go on without passages (the result is
 *     flagged ungrounded) instead of failing the task
 */
public record TaskPolicy(
    String modelTier,
    int maxRepairs,
    ApprovalPolicy approval,
    String actionKind,
    TaskBudget budget,
    boolean proceedUngrounded) {}
