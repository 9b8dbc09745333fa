package dev.steward.activities.ingestion;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.steward.store.chunk.ChunkDocument;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.document.DocumentSource;
import dev.steward.store.document.DocumentStore;
import dev.steward.workflows.ingestion.DocumentNotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads a stored document into chunks and writes chunks to a chunk index: shared by ingestion
 * (through the alias) and re-indexing (into the next index version). A chunk whose text is
 * unchanged in the target index is not embedded again.
 */
@Component
public class ChunkWriter {

  /**
   * Chunks embedded and written together. Small, so that an attempt that fails midway has kept most
   * of its work and its retry embeds only the rest.
   */
  static final int WRITE_GROUP = 8;

  private final DocumentStore documents;
  private final ChunkIndex chunks;
  private final DocumentParsers parsers;
  private final DocumentChunker chunker;
  private final EmbeddingModel embeddings;

  public ChunkWriter(
      DocumentStore documents,
      ChunkIndex chunks,
      DocumentParsers parsers,
      DocumentChunker chunker,
      EmbeddingModel embeddings) {
    this.documents = documents;
    this.chunks = chunks;
    this.parsers = parsers;
    this.chunker = chunker;
    this.embeddings = embeddings;
  }

  /** A stored document and the chunks it makes. */
  public record ChunkedDocument(DocumentSource source, List<DocumentChunk> chunks) {}

  /** Throws DocumentNotFoundException when the source is gone (deleted). */
  public ChunkedDocument read(String tenant, String documentId) {
    DocumentSource source =
        documents
            .source(tenant, documentId)
            .orElseThrow(() -> new DocumentNotFoundException(documentId));
    return new ChunkedDocument(source, chunker.split(parsers.parse(source)));
  }

  /**
   * Embeds and writes chunks [from, to) of the document into {@code index}, skipping those already
   * there with the same content; returns how many it embedded. If the document was deleted
   * meanwhile, removes its chunks again and throws DocumentNotFoundException: the delete removed
   * what it could see, and this check, after the write, catches what it could not.
   */
  public int write(String index, ChunkedDocument document, int from, int to) {
    DocumentSource source = document.source();
    int end = Math.min(to, document.chunks().size());
    List<String> ids = new ArrayList<>();
    for (int position = from; position < end; position++) {
      ids.add(DocumentChunker.chunkId(source.tenant(), source.documentId(), position));
    }
    Map<String, String> existing = chunks.hashesById(index, ids);
    List<ChunkDocument> changed = new ArrayList<>();
    int embedded = 0;
    for (int position = from; position < end; position++) {
      DocumentChunk chunk = document.chunks().get(position);
      String id = ids.get(position - from);
      String hash = sha256(source.title() + "\n" + chunk.text());
      if (!hash.equals(existing.get(id))) {
        changed.add(
            new ChunkDocument(
                id,
                source.documentId(),
                source.tenant(),
                source.title(),
                position,
                chunk.text(),
                hash,
                null,
                chunk.section(),
                0));
      }
      if (changed.size() == WRITE_GROUP || (position == end - 1 && !changed.isEmpty())) {
        chunks.upsert(index, embed(changed));
        embedded += changed.size();
        changed.clear();
      }
    }
    if (embedded > 0) {
      requireStillStored(source.tenant(), source.documentId());
    }
    return embedded;
  }

  /** Removes chunks from position {@code count} on, left from a longer earlier version. */
  public void removeFrom(String index, String tenant, String documentId, int count) {
    requireStillStored(tenant, documentId);
    chunks.deleteFrom(index, tenant, documentId, count);
    chunks.refresh(index);
  }

  private void requireStillStored(String tenant, String documentId) {
    if (documents.source(tenant, documentId).isEmpty()) {
      chunks.deleteDocument(tenant, documentId);
      throw new DocumentNotFoundException(documentId);
    }
  }

  private List<ChunkDocument> embed(List<ChunkDocument> changed) {
    List<Embedding> vectors =
        embeddings
            .embedAll(
                changed.stream().map(c -> TextSegment.from(c.title() + "\n" + c.text())).toList())
            .content();
    long now = System.currentTimeMillis();
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
              vectors.get(i).vector(),
              c.section(),
              now));
    }
    return embedded;
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
