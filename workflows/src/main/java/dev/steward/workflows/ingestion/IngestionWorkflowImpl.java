package dev.steward.workflows.ingestion;

import dev.steward.workflows.StepOptions;
import dev.steward.workflows.ingestion.IngestionActivities.ChunkBatch;
import dev.steward.workflows.ingestion.IngestionActivities.ChunkPlan;
import dev.steward.workflows.ingestion.IngestionProgress.State;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Indexes a document in batches, mirroring progress after each one; a failure is returned as a
 * FAILED progress, not thrown, so the document's status record always says what happened.
 */
public class IngestionWorkflowImpl implements IngestionWorkflow {

  /** Chunks per indexing activity: small enough to finish well within its timeout. */
  static final int BATCH_SIZE = 32;

  private static final Logger log = Workflow.getLogger(IngestionWorkflowImpl.class);

  private final IngestionActivities activities =
      Workflow.newActivityStub(
          IngestionActivities.class,
          step(Duration.ofMinutes(2)),
          Map.of("IndexChunks", step(Duration.ofMinutes(5))));

  private IngestionProgress progress;

  @Override
  public IngestionProgress ingest(IngestionRequest request) {
    progress =
        new IngestionProgress(request.documentId(), request.tenant(), State.PENDING, 0, 0, null);
    try {
      report(State.INDEXING, 0, 0, null);
      ChunkPlan plan = activities.planChunks(request);
      report(State.INDEXING, plan.chunkCount(), 0, null);
      for (int from = 0; from < plan.chunkCount(); from += BATCH_SIZE) {
        int to = Math.min(from + BATCH_SIZE, plan.chunkCount());
        activities.indexChunks(
            new ChunkBatch(plan.documentId(), plan.tenant(), plan.contentHash(), from, to));
        report(State.INDEXING, plan.chunkCount(), to, null);
      }
      activities.removeStaleChunks(plan);
      report(State.INDEXED, plan.chunkCount(), plan.chunkCount(), null);
    } catch (ActivityFailure e) {
      if (CancellationScope.current().isCancelRequested()) {
        throw e;
      }
      fail("step " + e.getActivityType() + " failed: " + StepOptions.failureMessage(e));
    }
    return progress;
  }

  @Override
  public IngestionProgress progress() {
    return progress;
  }

  private void report(State state, int total, int indexed, String error) {
    progress =
        new IngestionProgress(
            progress.documentId(), progress.tenant(), state, total, indexed, error);
    activities.recordProgress(progress);
  }

  private void fail(String error) {
    try {
      report(State.FAILED, progress.chunksTotal(), progress.chunksIndexed(), error);
    } catch (ActivityFailure e) {
      log.warn("ingestion of {} failed but its status was not recorded", progress.documentId(), e);
    }
  }

  private static ActivityOptions step(Duration startToClose) {
    return StepOptions.step(
        startToClose,
        5,
        DocumentNotFoundException.class.getName(),
        IllegalArgumentException.class.getName());
  }
}
