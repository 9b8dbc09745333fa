package dev.steward.api.document;

import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.document.DocumentStore;
import org.springframework.stereotype.Component;

/**
 * Deletes a document: its source first, then its chunks in every index version, then its status. An
 * ingestion still running re-checks the source after each write and removes what it wrote, so no
 * chunk outlives the delete; and it records no status for a document whose source is gone.
 */
@Component
class DocumentDeletion {

  private final DocumentStore store;
  private final ChunkIndex chunks;

  DocumentDeletion(DocumentStore store, ChunkIndex chunks) {
    this.store = store;
    this.chunks = chunks;
  }

  /** False if the tenant has no such document. */
  boolean delete(String tenant, String documentId) {
    boolean existed = store.status(tenant, documentId).isPresent();
    existed |= store.deleteSource(tenant, documentId);
    if (!existed) {
      return false;
    }
    chunks.deleteDocument(tenant, documentId);
    store.deleteStatus(tenant, documentId);
    return true;
  }
}
