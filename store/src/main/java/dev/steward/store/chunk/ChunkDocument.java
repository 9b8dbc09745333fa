package dev.steward.store.chunk;

/**
 * One indexed passage of a document.
 *
 * @param position order of the chunk within its document, from 0
 * @param text the passage, beginning with its section's heading path when it has one
 * @param embedding all-MiniLM-L6-v2 vector of title + text (384 dimensions)
 * @param section heading path of the section it comes from, e.g. "Refunds › Timing" (may be empty)
 * @param indexedAtMillis when this version of the chunk was embedded and written
 */
public record ChunkDocument(
    String chunkId,
    String documentId,
    String tenant,
    String title,
    int position,
    String text,
    String contentHash,
    float[] embedding,
    String section,
    long indexedAtMillis) {

  /** A chunk without section metadata. */
  public ChunkDocument(
      String chunkId,
      String documentId,
      String tenant,
      String title,
      int position,
      String text,
      String contentHash,
      float[] embedding) {
    this(chunkId, documentId, tenant, title, position, text, contentHash, embedding, "", 0);
  }
}
