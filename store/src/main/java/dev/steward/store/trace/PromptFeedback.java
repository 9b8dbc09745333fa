package dev.steward.store.trace;

/**
 * Requester feedback counted for one prompt version.
 *
 * @param meanRating mean of the ratings, 1 to 5
 */
public record PromptFeedback(String promptId, int promptVersion, long count, double meanRating) {}
