package dev.steward.store.chunk;

/**
 * One indexed passage of a document.
 *
 * @param position order of the chunk within its document, from 0
 * @param embedding all-MiniLM-L6-v2 vector of title + text (384 dimensions)
 */
public record ChunkDocument(
    String chunkId,
    String documentId,
    String tenant,
    String title,
    int position,
    String text,
    String contentHash,
    float[] embedding) {}
