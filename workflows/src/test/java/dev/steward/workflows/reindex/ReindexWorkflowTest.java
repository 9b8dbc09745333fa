package dev.steward.workflows.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.steward.workflows.reindex.ReindexActivities.DocumentCopied;
import dev.steward.workflows.reindex.ReindexActivities.DocumentPage;
import dev.steward.workflows.reindex.ReindexActivities.DocumentRef;
import dev.steward.workflows.reindex.ReindexActivities.ReindexPlan;
import dev.steward.workflows.reindex.ReindexProgress.State;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.InOrder;

class ReindexWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(ReindexWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final ReindexActivities activities =
      mock(ReindexActivities.class, withSettings().withoutAnnotations());

  private final ReindexPlan plan =
      new ReindexPlan("steward-chunks-v1", "steward-chunks-v2", 1_000_000);

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  private static List<DocumentRef> docs(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> new DocumentRef("acme", "d" + i)).toList();
  }

  @Test
  void copiesEveryPageThenSwapsThenCatchesUpThenDropsTheOldIndex(ReindexWorkflow workflow) {
    when(activities.prepareTarget(any())).thenReturn(plan);
    List<DocumentRef> first = docs(0, ReindexWorkflowImpl.PAGE_SIZE);
    when(activities.listDocuments(any()))
        .thenAnswer(call -> {
          DocumentPage page = call.getArgument(0);
          if (page.receivedSinceMillis() > 0) {
            return page.after() == null ? List.of(new DocumentRef("acme", "late")) : List.of();
          }
          return page.after() == null ? first : docs(100, 103);
        });
    when(activities.copyDocument(any())).thenReturn(new DocumentCopied(3, null));

    ReindexProgress result = workflow.reindex(new ReindexRequest(2, false, null));

    assertThat(result.state()).isEqualTo(State.DONE);
    assertThat(result.documents()).isEqualTo(ReindexWorkflowImpl.PAGE_SIZE + 3 + 1);
    assertThat(result.chunks()).isEqualTo(3 * result.documents());
    InOrder order = inOrder(activities);
    order.verify(activities).prepareTarget(new ReindexActivities.TargetVersion(2));
    order.verify(activities).switchAlias(plan);
    order
        .verify(activities)
        .listDocuments(
            new DocumentPage(
                null,
                ReindexWorkflowImpl.PAGE_SIZE,
                plan.startedAtMillis() - ReindexWorkflowImpl.CLOCK_SKEW_MILLIS));
    order
        .verify(activities)
        .copyDocument(
            new ReindexActivities.DocumentCopy(
                new DocumentRef("acme", "late"), "steward-chunks-v2"));
    order.verify(activities).dropIndex(plan);
  }

  @Test
  void alreadyOnTheTargetVersionDoesNothing(ReindexWorkflow workflow) {
    when(activities.prepareTarget(any()))
        .thenReturn(new ReindexPlan("steward-chunks-v2", "steward-chunks-v2", 1));

    assertThat(workflow.reindex(new ReindexRequest(2, false, null)).state()).isEqualTo(State.DONE);
    verify(activities, never()).switchAlias(any());
    verify(activities, never()).dropIndex(any());
  }

  @Test
  void keepsTheOldIndexWhenAskedAndCountsSkippedDocuments(ReindexWorkflow workflow) {
    when(activities.prepareTarget(any())).thenReturn(plan);
    when(activities.listDocuments(any())).thenReturn(docs(0, 2));
    when(activities.copyDocument(any()))
        .thenReturn(new DocumentCopied(4, null), new DocumentCopied(0, "deleted"));

    ReindexProgress result = workflow.reindex(new ReindexRequest(2, true, null));

    assertThat(result.state()).isEqualTo(State.DONE);
    assertThat(result.skipped()).isPositive();
    verify(activities).switchAlias(plan);
    verify(activities, never()).dropIndex(any());
  }
}
