package dev.steward.workflows.ingestion;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.steward.workflows.RecordingEnvironment;
import dev.steward.workflows.ingestion.IngestionActivities.ChunkBatch;
import dev.steward.workflows.ingestion.IngestionActivities.ChunkPlan;
import dev.steward.workflows.ingestion.IngestionProgress.State;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The ingestion workflow's recorded paths; the workflow id is the path's name. */
public final class IngestionWorkflowPaths {

  private IngestionWorkflowPaths() {}

  public static Map<String, Supplier<WorkflowExecutionHistory>> all() {
    Map<String, Supplier<WorkflowExecutionHistory>> paths = new LinkedHashMap<>();
    paths.put("ingestion-indexed-in-batches", IngestionWorkflowPaths::indexedInBatches);
    paths.put("ingestion-document-missing", IngestionWorkflowPaths::documentMissing);
    return paths;
  }

  /** 70 chunks: three batches of at most {@link IngestionWorkflowImpl#BATCH_SIZE}. */
  static WorkflowExecutionHistory indexedInBatches() {
    IngestionActivities activities = activityMock();
    when(activities.planChunks(any())).thenReturn(new ChunkPlan("doc-1", "acme", "sha256:ab", 70));
    when(activities.indexChunks(any()))
        .thenAnswer(
            call -> call.<ChunkBatch>getArgument(0).to() - call.<ChunkBatch>getArgument(0).from());
    return record("ingestion-indexed-in-batches", activities, State.INDEXED);
  }

  static WorkflowExecutionHistory documentMissing() {
    IngestionActivities activities = activityMock();
    when(activities.planChunks(any())).thenThrow(new DocumentNotFoundException("doc-1"));
    return record("ingestion-document-missing", activities, State.FAILED);
  }

  private static WorkflowExecutionHistory record(
      String workflowId, IngestionActivities activities, State expected) {
    try (RecordingEnvironment env =
        new RecordingEnvironment(
            IngestionWorkflow.TASK_QUEUE, IngestionWorkflowImpl.class, List.of())) {
      env.start(activities);
      IngestionProgress result =
          env.newWorkflow(IngestionWorkflow.class, workflowId)
              .ingest(new IngestionRequest("doc-1", "acme"));
      if (result.state() != expected) {
        throw new IllegalStateException(workflowId + " ended " + result + ", not " + expected);
      }
      return env.history(workflowId);
    }
  }

  private static IngestionActivities activityMock() {
    return mock(IngestionActivities.class, withSettings().withoutAnnotations());
  }
}
