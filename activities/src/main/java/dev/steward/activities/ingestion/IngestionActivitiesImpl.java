package dev.steward.activities.ingestion;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.steward.store.chunk.ChunkDocument;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.document.DocumentSource;
import dev.steward.store.document.DocumentStatus;
import dev.steward.store.document.DocumentStore;
import dev.steward.workflows.ingestion.DocumentNotFoundException;
import dev.steward.workflows.ingestion.IngestionActivities;
import dev.steward.workflows.ingestion.IngestionProgress;
import dev.steward.workflows.ingestion.IngestionRequest;
import dev.steward.workflows.ingestion.IngestionWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Ingestion steps: read the stored source, chunk it, embed and bulk-index the chunks. A chunk whose
 * text is unchanged since the last ingestion is not embedded again.
 */
@Component
@ActivityImpl(taskQueues = IngestionWorkflow.TASK_QUEUE)
public class IngestionActivitiesImpl implements IngestionActivities {

  private final DocumentStore documents;
  private final ChunkIndex chunks;
  private final DocumentChunker chunker;
  private final EmbeddingModel embeddings;

  public IngestionActivitiesImpl(
      DocumentStore documents,
      ChunkIndex chunks,
      DocumentChunker chunker,
      EmbeddingModel embeddings) {
    this.documents = documents;
    this.chunks = chunks;
    this.chunker = chunker;
    this.embeddings = embeddings;
  }

  @Override
  public ChunkPlan planChunks(IngestionRequest request) {
    DocumentSource source = source(request.tenant(), request.documentId());
    return new ChunkPlan(
        request.documentId(),
        request.tenant(),
        source.contentHash(),
        chunker.split(source.content()).size());
  }

  @Override
  public int indexChunks(ChunkBatch batch) {
    DocumentSource source = source(batch.tenant(), batch.documentId());
    List<String> texts = chunker.split(source.content());
    Map<String, String> existing = chunks.hashesOf(batch.tenant(), batch.documentId());
    List<ChunkDocument> changed = new ArrayList<>();
    for (int position = batch.from(); position < Math.min(batch.to(), texts.size()); position++) {
      String id = DocumentChunker.chunkId(batch.tenant(), batch.documentId(), position);
      String text = texts.get(position);
      String hash = sha256(source.title() + "\n" + text);
      if (!hash.equals(existing.get(id))) {
        changed.add(
            new ChunkDocument(
                id,
                batch.documentId(),
                batch.tenant(),
                source.title(),
                position,
                text,
                hash,
                null));
      }
    }
    if (!changed.isEmpty()) {
      List<Embedding> vectors =
          embeddings
              .embedAll(
                  changed.stream().map(c -> TextSegment.from(c.title() + "\n" + c.text())).toList())
              .content();
      List<ChunkDocument> embedded = new ArrayList<>(changed.size());
      for (int i = 0; i < changed.size(); i++) {
        ChunkDocument c = changed.get(i);
        embedded.add(
            new ChunkDocument(
                c.chunkId(),
                c.documentId(),
                c.tenant(),
                c.title(),
                c.position(),
                c.text(),
                c.contentHash(),
                vectors.get(i).vector()));
      }
      chunks.upsert(embedded);
    }
    return changed.size();
  }

  @Override
  public void removeStaleChunks(ChunkPlan plan) {
    chunks.deleteFrom(plan.tenant(), plan.documentId(), plan.chunkCount());
    chunks.refresh();
  }

  @Override
  public void recordProgress(IngestionProgress progress) {
    String title =
        documents
            .source(progress.tenant(), progress.documentId())
            .map(DocumentSource::title)
            .orElse(null);
    documents.saveStatus(
        new DocumentStatus(
            progress.documentId(),
            progress.tenant(),
            title,
            progress.state().name(),
            progress.chunksTotal(),
            progress.chunksIndexed(),
            progress.error(),
            System.currentTimeMillis()));
  }

  private DocumentSource source(String tenant, String documentId) {
    return documents
        .source(tenant, documentId)
        .orElseThrow(() -> new DocumentNotFoundException(documentId));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
