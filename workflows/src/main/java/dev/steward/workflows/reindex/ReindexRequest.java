package dev.steward.workflows.reindex;

import dev.steward.workflows.reindex.ReindexActivities.DocumentRef;
import dev.steward.workflows.reindex.ReindexActivities.ReindexPlan;

/**
 * What to re-index into, and where a continued run picks up.
 *
 * @param targetVersion the chunk index version to move to
 * @param keepOldIndex keep the previous index after the swap instead of deleting it
 * @param checkpoint null when starting; set when the run continues as new
 */
public record ReindexRequest(int targetVersion, boolean keepOldIndex, Checkpoint checkpoint) {

  /** How far a run had come when it continued as new (to keep its history short). */
  public record Checkpoint(ReindexPlan plan, DocumentRef after, int documents, int chunks) {}
}
