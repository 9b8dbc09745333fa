package dev.steward.workflows.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.steward.workflows.ingestion.IngestionActivities.ChunkBatch;
import dev.steward.workflows.ingestion.IngestionActivities.ChunkPlan;
import dev.steward.workflows.ingestion.IngestionProgress.State;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

class IngestionWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(IngestionWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final IngestionActivities activities =
      mock(IngestionActivities.class, withSettings().withoutAnnotations());

  private final IngestionRequest request = new IngestionRequest("doc-1", "acme");

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  @Test
  void indexesAllBatchesAndReportsProgress(IngestionWorkflow workflow) {
    ChunkPlan plan = new ChunkPlan("doc-1", "acme", "sha256:ab", 70);
    when(activities.planChunks(any())).thenReturn(plan);
    when(activities.indexChunks(any()))
        .thenAnswer(
            call -> call.<ChunkBatch>getArgument(0).to() - call.<ChunkBatch>getArgument(0).from());

    IngestionProgress result = workflow.ingest(request);

    assertThat(result)
        .isEqualTo(new IngestionProgress("doc-1", "acme", State.INDEXED, 70, 70, null));
    ArgumentCaptor<ChunkBatch> batches = ArgumentCaptor.forClass(ChunkBatch.class);
    verify(activities, times(3)).indexChunks(batches.capture());
    assertThat(batches.getAllValues())
        .extracting(ChunkBatch::from, ChunkBatch::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 32),
            org.assertj.core.groups.Tuple.tuple(32, 64),
            org.assertj.core.groups.Tuple.tuple(64, 70));
    assertThat(batches.getAllValues()).allMatch(b -> b.contentHash().equals("sha256:ab"));
    verify(activities).removeStaleChunks(plan);

    ArgumentCaptor<IngestionProgress> reported = ArgumentCaptor.forClass(IngestionProgress.class);
    verify(activities, atLeastOnce()).recordProgress(reported.capture());
    List<IngestionProgress> progress = reported.getAllValues();
    assertThat(progress).first().extracting(IngestionProgress::state).isEqualTo(State.INDEXING);
    assertThat(progress)
        .extracting(IngestionProgress::chunksIndexed)
        .containsSubsequence(0, 32, 64, 70)
        .isSorted();
    assertThat(progress).last().isEqualTo(result);
  }

  @Test
  void missingDocumentEndsFailed(IngestionWorkflow workflow) {
    when(activities.planChunks(any())).thenThrow(new DocumentNotFoundException("doc-1"));

    IngestionProgress result = workflow.ingest(request);

    assertThat(result.state()).isEqualTo(State.FAILED);
    assertThat(result.error())
        .isEqualTo("step PlanChunks failed: document source not found: doc-1");
    verify(activities, times(1)).planChunks(any());
    verify(activities, never()).indexChunks(any());
    ArgumentCaptor<IngestionProgress> reported = ArgumentCaptor.forClass(IngestionProgress.class);
    verify(activities, atLeastOnce()).recordProgress(reported.capture());
    assertThat(reported.getAllValues()).last().isEqualTo(result);
  }

  @Test
  void indexingFailureAfterRetriesEndsFailedWithProgressSoFar(IngestionWorkflow workflow) {
    when(activities.planChunks(any())).thenReturn(new ChunkPlan("doc-1", "acme", "h", 40));
    when(activities.indexChunks(any()))
        .thenReturn(32)
        .thenThrow(new IllegalStateException("embedding service down"));

    IngestionProgress result = workflow.ingest(request);

    assertThat(result.state()).isEqualTo(State.FAILED);
    assertThat(result.chunksIndexed()).isEqualTo(32);
    assertThat(result.error()).isEqualTo("step IndexChunks failed: embedding service down");
    verify(activities, times(6)).indexChunks(any());
    verify(activities, never()).removeStaleChunks(any());
  }
}
