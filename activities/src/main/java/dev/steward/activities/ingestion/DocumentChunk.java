package dev.steward.activities.ingestion;

/**
 * One chunk as the chunker cut it.
 *
 * @param section heading path joined by " › ", or empty
 * @param text the chunk's text, beginning with its section's heading path when it has one
 */
public record DocumentChunk(String section, String text) {}
