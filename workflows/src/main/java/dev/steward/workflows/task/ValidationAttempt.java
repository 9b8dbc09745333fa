package dev.steward.workflows.task;

import java.util.List;

/**
 * The validation verdict on one draft, with the tier that drafted it.
 *
 * @param attempt 1 for the first draft, counted on across repairs and the escalation to the strong
 *     tier
 */
public record ValidationAttempt(
    int attempt, String modelTier, boolean valid, List<String> errors, boolean grounded) {}
