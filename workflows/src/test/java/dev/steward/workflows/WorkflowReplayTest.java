package dev.steward.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.ingestion.IngestionWorkflowImpl;
import dev.steward.workflows.reindex.ReindexWorkflowImpl;
import dev.steward.workflows.task.TaskWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every committed history against today's workflow code: a change that would make a running
 * workflow take another path on replay (a step added, removed or reordered without {@code
 * Workflow.getVersion}) fails here instead of in production.
 */
class WorkflowReplayTest {

  static List<String> committedHistories() {
    return RecordedHistories.committed();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("committedHistories")
  void replaysDeterministically(String file) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        RecordedHistories.RESOURCE_DIR + "/" + file,
        TaskWorkflowImpl.class,
        IngestionWorkflowImpl.class,
        ReindexWorkflowImpl.class);
  }

  @Test
  void everyRecordedPathHasACommittedHistory() {
    assertThat(RecordedHistories.committed())
        .as("record missing histories with -Dsteward.recordHistories=<name> (see CONTRIBUTING.md)")
        .containsAll(
            RecordedHistories.paths().keySet().stream().map(name -> name + ".json").toList());
  }
}
