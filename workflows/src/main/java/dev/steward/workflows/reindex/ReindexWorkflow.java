package dev.steward.workflows.reindex;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Moves the chunk index to a new version with no downtime: fills the new index from every stored
 * source while searches keep using the old one, swaps the alias atomically, then re-plays the
 * documents uploaded meanwhile into the new index.
 */
@WorkflowInterface
public interface ReindexWorkflow {

  /** Runs with ingestion, whose activities it shares a worker with. */
  String TASK_QUEUE = "steward-ingestion";

  @WorkflowMethod(name = "StewardReindex")
  ReindexProgress reindex(ReindexRequest request);

  @QueryMethod(name = "progress")
  ReindexProgress progress();
}
