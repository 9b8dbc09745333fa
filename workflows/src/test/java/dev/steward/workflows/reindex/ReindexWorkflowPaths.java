package dev.steward.workflows.reindex;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.steward.workflows.RecordingEnvironment;
import dev.steward.workflows.reindex.ReindexActivities.DocumentCopied;
import dev.steward.workflows.reindex.ReindexActivities.DocumentPage;
import dev.steward.workflows.reindex.ReindexActivities.DocumentRef;
import dev.steward.workflows.reindex.ReindexActivities.ReindexPlan;
import dev.steward.workflows.reindex.ReindexProgress.State;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The re-index workflow's recorded paths; the workflow id is the path's name. */
public final class ReindexWorkflowPaths {

  private ReindexWorkflowPaths() {}

  public static Map<String, Supplier<WorkflowExecutionHistory>> all() {
    Map<String, Supplier<WorkflowExecutionHistory>> paths = new LinkedHashMap<>();
    paths.put("reindex-completed", ReindexWorkflowPaths::completed);
    return paths;
  }

  /** Two documents copied, the alias swapped, one late upload caught up, the old index dropped. */
  static WorkflowExecutionHistory completed() {
    ReindexActivities activities =
        mock(ReindexActivities.class, withSettings().withoutAnnotations());
    when(activities.prepareTarget(any()))
        .thenReturn(new ReindexPlan("steward-chunks-v1", "steward-chunks-v2", 1_000_000));
    when(activities.listDocuments(any()))
        .thenAnswer(call -> {
          DocumentPage page = call.getArgument(0);
          if (page.after() != null) {
            return List.of();
          }
          return page.receivedSinceMillis() > 0
              ? List.of(new DocumentRef("acme", "late"))
              : List.of(new DocumentRef("acme", "d1"), new DocumentRef("acme", "d2"));
        });
    when(activities.copyDocument(any())).thenReturn(new DocumentCopied(3, null));
    String workflowId = "reindex-completed";
    try (RecordingEnvironment env =
        new RecordingEnvironment(
            ReindexWorkflow.TASK_QUEUE, ReindexWorkflowImpl.class, List.of())) {
      env.start(activities);
      ReindexProgress result =
          env.newWorkflow(ReindexWorkflow.class, workflowId)
              .reindex(new ReindexRequest(2, false, null));
      if (result.state() != State.DONE || result.documents() != 3) {
        throw new IllegalStateException(workflowId + " ended " + result);
      }
      return env.history(workflowId);
    }
  }
}
