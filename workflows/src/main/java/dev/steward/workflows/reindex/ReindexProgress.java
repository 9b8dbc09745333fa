package dev.steward.workflows.reindex;

/**
 * How far a re-index has come.
 *
 * @param documents documents copied into the target so far (catch-up included)
 * @param skipped documents that could not be read (deleted meanwhile, unreadable)
 */
public record ReindexProgress(
    String sourceIndex,
    String targetIndex,
    State state,
    int documents,
    int skipped,
    int chunks,
    String error) {

  /** Lifecycle of a re-index. */
  public enum State {
    PREPARING,
    COPYING,
    CATCHING_UP,
    DONE,
    FAILED
  }
}
