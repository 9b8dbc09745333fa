package dev.steward.activities.ingestion;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How documents are cut into chunks ({@code steward.ingestion.*}). Token counts are WordPiece
 * tokens, the all-MiniLM-L6-v2 tokenizer's, heading path included.
 *
 * @param chunkTokens largest chunk; at most 254, since the model reads 256 tokens with its two
 *     special ones and silently drops the rest
 * @param overlapTokens tokens a chunk repeats from the end of the previous one in its section
 */
@ConfigurationProperties("steward.ingestion")
public record IngestionProperties(Integer chunkTokens, Integer overlapTokens) {

  static final int MODEL_WINDOW = 254;

  public IngestionProperties {
    chunkTokens = chunkTokens == null ? 200 : chunkTokens;
    overlapTokens = overlapTokens == null ? 30 : overlapTokens;
    if (chunkTokens < 32 || chunkTokens > MODEL_WINDOW) {
      throw new IllegalArgumentException(
          "steward.ingestion.chunk-tokens must be between 32 and " + MODEL_WINDOW);
    }
    if (overlapTokens < 0 || overlapTokens > chunkTokens / 2) {
      throw new IllegalArgumentException(
          "steward.ingestion.overlap-tokens must be between 0 and half of chunk-tokens");
    }
  }

  public static IngestionProperties defaults() {
    return new IngestionProperties(null, null);
  }
}
