package dev.steward.api.feedback;

import java.time.Instant;

/**
 * The feedback as stored: the comment redacted, and the prompt version it counts for.
 *
 * @param promptId null when the task's prompt version is unknown (it never reached drafting)
 */
record FeedbackReceipt(
    String taskId,
    int rating,
    String comment,
    String promptId,
    Integer promptVersion,
    Instant givenAt) {}
