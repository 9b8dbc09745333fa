package dev.steward.activities.reindex;

import dev.steward.activities.ingestion.ChunkWriter;
import dev.steward.activities.ingestion.ChunkWriter.ChunkedDocument;
import dev.steward.store.chunk.ChunkIndexVersions;
import dev.steward.store.document.DocumentKey;
import dev.steward.store.document.DocumentStore;
import dev.steward.workflows.ingestion.DocumentNotFoundException;
import dev.steward.workflows.reindex.ReindexActivities;
import dev.steward.workflows.reindex.ReindexWorkflow;
import io.temporal.activity.Activity;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Re-index steps on Elasticsearch: the copy reuses ingestion's parsing, chunking and writing. */
@Component
@ActivityImpl(taskQueues = ReindexWorkflow.TASK_QUEUE)
public class ReindexActivitiesImpl implements ReindexActivities {

  private static final Logger log = LoggerFactory.getLogger(ReindexActivitiesImpl.class);

  private final ChunkIndexVersions chunks;
  private final DocumentStore documents;
  private final ChunkWriter writer;

  public ReindexActivitiesImpl(
      ChunkIndexVersions chunks, DocumentStore documents, ChunkWriter writer) {
    this.chunks = chunks;
    this.documents = documents;
    this.writer = writer;
  }

  @Override
  public ReindexPlan prepareTarget(TargetVersion target) {
    String targetIndex = ChunkIndexVersions.indexName(target.version());
    String sourceIndex = chunks.currentIndex().orElse(null);
    if (!targetIndex.equals(sourceIndex)) {
      chunks.createVersion(targetIndex);
    }
    return new ReindexPlan(sourceIndex, targetIndex, System.currentTimeMillis());
  }

  @Override
  public List<DocumentRef> listDocuments(DocumentPage page) {
    DocumentKey after =
        page.after() == null
            ? null
            : new DocumentKey(page.after().tenant(), page.after().documentId());
    return documents.sourceKeys(after, page.size(), page.receivedSinceMillis()).stream()
        .map(k -> new DocumentRef(k.tenant(), k.documentId()))
        .toList();
  }

  /**
   * A document that is gone or cannot be parsed is skipped, not failed: one bad upload must not
   * hold back the move of every other document.
   */
  @Override
  public DocumentCopied copyDocument(DocumentCopy copy) {
    DocumentRef ref = copy.document();
    try {
      ChunkedDocument document = writer.read(ref.tenant(), ref.documentId());
      int count = document.chunks().size();
      for (int from = 0; from < count; from += 32) {
        writer.write(copy.targetIndex(), document, from, from + 32);
        Activity.getExecutionContext().heartbeat(from);
      }
      writer.removeFrom(copy.targetIndex(), ref.tenant(), ref.documentId(), count);
      return new DocumentCopied(count, null);
    } catch (DocumentNotFoundException e) {
      return new DocumentCopied(0, "deleted");
    } catch (IllegalArgumentException e) {
      log.warn("re-index skips {}/{}: {}", ref.tenant(), ref.documentId(), e.getMessage());
      return new DocumentCopied(0, e.getMessage());
    }
  }

  @Override
  public void switchAlias(ReindexPlan plan) {
    chunks.switchAlias(plan.sourceIndex(), plan.targetIndex());
  }

  @Override
  public void dropIndex(ReindexPlan plan) {
    chunks.deleteIndex(plan.sourceIndex());
  }
}
