package dev.steward.store.chunk;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which version of the chunk index Steward is meant to run on ({@code steward.retrieval.*}).
 *
 * @param indexVersion the index a fresh installation creates ({@code steward-chunks-v<n>}) and the
 *     one {@code POST /v1/admin/reindex} moves to; raise it with a new embedding model or mapping
 * @param keepOldIndex whether a re-index keeps the index it moved away from (for a rollback by
 *     hand)
 */
@ConfigurationProperties("steward.retrieval")
public record ChunkIndexProperties(Integer indexVersion, Boolean keepOldIndex) {
  public ChunkIndexProperties {
    indexVersion = indexVersion == null ? 1 : indexVersion;
    keepOldIndex = keepOldIndex != null && keepOldIndex;
    if (indexVersion < 1) {
      throw new IllegalArgumentException("steward.retrieval.index-version must be 1 or more");
    }
  }

  public static ChunkIndexProperties defaults() {
    return new ChunkIndexProperties(null, null);
  }
}
