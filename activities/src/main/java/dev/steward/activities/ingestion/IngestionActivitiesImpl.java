package dev.steward.activities.ingestion;

import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.document.DocumentSource;
import dev.steward.store.document.DocumentStatus;
import dev.steward.store.document.DocumentStore;
import dev.steward.workflows.ingestion.IngestionActivities;
import dev.steward.workflows.ingestion.IngestionProgress;
import dev.steward.workflows.ingestion.IngestionRequest;
import dev.steward.workflows.ingestion.IngestionWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Ingestion steps: read the stored source, parse and chunk it, embed and bulk-index the chunks
 * through the alias (so into whichever index version it points at). A document deleted while it is
 * being ingested ends with no chunks and no status: each write re-checks that its source exists.
 */
@Component
@ActivityImpl(taskQueues = IngestionWorkflow.TASK_QUEUE)
public class IngestionActivitiesImpl implements IngestionActivities {

  private final DocumentStore documents;
  private final ChunkWriter writer;

  public IngestionActivitiesImpl(DocumentStore documents, ChunkWriter writer) {
    this.documents = documents;
    this.writer = writer;
  }

  @Override
  public ChunkPlan planChunks(IngestionRequest request) {
    ChunkWriter.ChunkedDocument document = writer.read(request.tenant(), request.documentId());
    return new ChunkPlan(
        request.documentId(),
        request.tenant(),
        document.source().contentHash(),
        document.chunks().size());
  }

  @Override
  public int indexChunks(ChunkBatch batch) {
    return writer.write(
        ChunkIndex.ALIAS,
        writer.read(batch.tenant(), batch.documentId()),
        batch.from(),
        batch.to());
  }

  @Override
  public void removeStaleChunks(ChunkPlan plan) {
    writer.removeFrom(ChunkIndex.ALIAS, plan.tenant(), plan.documentId(), plan.chunkCount());
  }

  /** A deleted document gets no status record back from an ingestion that was still running. */
  @Override
  public void recordProgress(IngestionProgress progress) {
    Optional<DocumentSource> source = documents.source(progress.tenant(), progress.documentId());
    if (source.isEmpty()) {
      return;
    }
    documents.saveStatus(
        new DocumentStatus(
            progress.documentId(),
            progress.tenant(),
            source.get().title(),
            progress.state().name(),
            progress.chunksTotal(),
            progress.chunksIndexed(),
            progress.error(),
            System.currentTimeMillis()));
  }
}
