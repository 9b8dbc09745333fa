package dev.steward.workflows.reindex;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Steps of a re-index; each is safe to repeat. */
@ActivityInterface
public interface ReindexActivities {

  /** Creates the target index with the current mapping (if missing) and names both indices. */
  ReindexPlan prepareTarget(TargetVersion target);

  /** One page of stored documents of every tenant, in a stable order. */
  List<DocumentRef> listDocuments(DocumentPage page);

  /** Chunks, embeds and writes one document into the target index. */
  DocumentCopied copyDocument(DocumentCopy copy);

  /** Points the alias at the target instead of the source, in one atomic request. */
  void switchAlias(ReindexPlan plan);

  /** Deletes the index the alias left. */
  void dropIndex(ReindexPlan plan);

  record TargetVersion(int version) {}

  /**
   * @param sourceIndex what the alias points at now (null on an empty installation)
   * @param startedAtMillis when the copy began: documents received since are copied again after the
   *     swap
   */
  record ReindexPlan(String sourceIndex, String targetIndex, long startedAtMillis) {}

  record DocumentRef(String tenant, String documentId) {}

  /**
   * @param after the last document of the previous page, or null for the first page
   * @param receivedSinceMillis 0 for all documents, else only those received since
   */
  record DocumentPage(DocumentRef after, int size, long receivedSinceMillis) {}

  record DocumentCopy(DocumentRef document, String targetIndex) {}

  /**
   * @param chunks the document's chunks now in the target (written or found unchanged)
   * @param skipped why the document was not copied (gone, unreadable), or null
   */
  record DocumentCopied(int chunks, String skipped) {}
}
