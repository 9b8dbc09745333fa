package dev.steward.workflows.reindex;

import dev.steward.workflows.StepOptions;
import dev.steward.workflows.reindex.ReindexActivities.DocumentCopied;
import dev.steward.workflows.reindex.ReindexActivities.DocumentCopy;
import dev.steward.workflows.reindex.ReindexActivities.DocumentPage;
import dev.steward.workflows.reindex.ReindexActivities.DocumentRef;
import dev.steward.workflows.reindex.ReindexActivities.ReindexPlan;
import dev.steward.workflows.reindex.ReindexActivities.TargetVersion;
import dev.steward.workflows.reindex.ReindexProgress.State;
import dev.steward.workflows.reindex.ReindexRequest.Checkpoint;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills the target index page by page (a few documents at a time), swaps the alias, then copies
 * again every document received since the copy began: uploads during the re-index were written
 * through the alias into the old index, and this catch-up re-plays them into the new one from their
 * stored sources. Deletes need no catch-up: they remove chunks from every index version.
 */
public class ReindexWorkflowImpl implements ReindexWorkflow {

  static final int PAGE_SIZE = 50;

  /** Documents copied at once; bounded so a re-index leaves the worker room for other work. */
  static final int PARALLEL_COPIES = 4;

  /** Documents per run before continuing as new, so the history stays far below its limits. */
  static final int DOCUMENTS_PER_RUN = 1_000;

  /** Sources are stamped by the API's clock, the plan by the worker's: allow for skew. */
  static final long CLOCK_SKEW_MILLIS = Duration.ofMinutes(5).toMillis();

  private final ReindexActivities activities =
      Workflow.newActivityStub(
          ReindexActivities.class,
          StepOptions.step(Duration.ofMinutes(2), 5),
          Map.of("CopyDocument", StepOptions.step(Duration.ofMinutes(10), 5)));

  private ReindexProgress progress;

  @Override
  public ReindexProgress reindex(ReindexRequest request) {
    Checkpoint checkpoint = request.checkpoint();
    progress =
        checkpoint == null
            ? new ReindexProgress(null, null, State.PREPARING, 0, 0, 0, null)
            : new ReindexProgress(
                checkpoint.plan().sourceIndex(),
                checkpoint.plan().targetIndex(),
                State.COPYING,
                checkpoint.documents(),
                0,
                checkpoint.chunks(),
                null);
    try {
      ReindexPlan plan =
          checkpoint == null
              ? activities.prepareTarget(new TargetVersion(request.targetVersion()))
              : checkpoint.plan();
      if (plan.targetIndex().equals(plan.sourceIndex())) {
        progress = with(plan, State.DONE);
        return progress;
      }
      progress = with(plan, State.COPYING);
      DocumentRef after = checkpoint == null ? null : checkpoint.after();
      int copiedThisRun = 0;
      while (true) {
        List<DocumentRef> page = activities.listDocuments(new DocumentPage(after, PAGE_SIZE, 0));
        copy(page, plan.targetIndex());
        copiedThisRun += page.size();
        if (page.size() < PAGE_SIZE) {
          break;
        }
        after = page.get(page.size() - 1);
        if (copiedThisRun >= DOCUMENTS_PER_RUN) {
          Workflow.continueAsNew(
              new ReindexRequest(
                  request.targetVersion(),
                  request.keepOldIndex(),
                  new Checkpoint(plan, after, progress.documents(), progress.chunks())));
        }
      }
      activities.switchAlias(plan);
      progress = with(plan, State.CATCHING_UP);
      long since = plan.startedAtMillis() - CLOCK_SKEW_MILLIS;
      DocumentRef caughtUp = null;
      while (true) {
        List<DocumentRef> page =
            activities.listDocuments(new DocumentPage(caughtUp, PAGE_SIZE, since));
        copy(page, plan.targetIndex());
        if (page.size() < PAGE_SIZE) {
          break;
        }
        caughtUp = page.get(page.size() - 1);
      }
      if (!request.keepOldIndex() && plan.sourceIndex() != null) {
        activities.dropIndex(plan);
      }
      progress = with(plan, State.DONE);
    } catch (ActivityFailure e) {
      if (CancellationScope.current().isCancelRequested()) {
        throw e;
      }
      progress =
          new ReindexProgress(
              progress.sourceIndex(),
              progress.targetIndex(),
              State.FAILED,
              progress.documents(),
              progress.skipped(),
              progress.chunks(),
              "step " + e.getActivityType() + " failed: " + StepOptions.failureMessage(e));
    }
    return progress;
  }

  @Override
  public ReindexProgress progress() {
    return progress;
  }

  private void copy(List<DocumentRef> page, String targetIndex) {
    for (int from = 0; from < page.size(); from += PARALLEL_COPIES) {
      List<Promise<DocumentCopied>> copies = new ArrayList<>();
      for (DocumentRef document :
          page.subList(from, Math.min(from + PARALLEL_COPIES, page.size()))) {
        copies.add(
            Async.function(activities::copyDocument, new DocumentCopy(document, targetIndex)));
      }
      for (Promise<DocumentCopied> copy : copies) {
        DocumentCopied copied = copy.get();
        progress =
            new ReindexProgress(
                progress.sourceIndex(),
                progress.targetIndex(),
                progress.state(),
                progress.documents() + (copied.skipped() == null ? 1 : 0),
                progress.skipped() + (copied.skipped() == null ? 0 : 1),
                progress.chunks() + copied.chunks(),
                null);
      }
    }
  }

  private ReindexProgress with(ReindexPlan plan, State state) {
    return new ReindexProgress(
        plan.sourceIndex(),
        plan.targetIndex(),
        state,
        progress.documents(),
        progress.skipped(),
        progress.chunks(),
        null);
  }
}
