package dev.steward.workflows.ingestion;

import io.temporal.activity.ActivityInterface;

/** Steps of an ingestion; chunking is deterministic, so batches re-derive their chunks. */
@ActivityInterface
public interface IngestionActivities {

  /** Splits the stored document and says how many chunks it makes. */
  ChunkPlan planChunks(IngestionRequest request);

  /** Embeds and indexes chunks [from, to) of the plan; idempotent by chunk id. */
  int indexChunks(ChunkBatch batch);

  /** Removes chunks of the document left from an earlier, longer version. */
  void removeStaleChunks(ChunkPlan plan);

  /** Mirrors progress into the document's status record for {@code GET /v1/documents/{id}}. */
  void recordProgress(IngestionProgress progress);

  record ChunkPlan(String documentId, String tenant, String contentHash, int chunkCount) {}

  record ChunkBatch(String documentId, String tenant, String contentHash, int from, int to) {}
}
