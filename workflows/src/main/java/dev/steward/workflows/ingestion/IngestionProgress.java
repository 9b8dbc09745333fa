package dev.steward.workflows.ingestion;

/** How far an ingestion has come. */
public record IngestionProgress(
    String documentId,
    String tenant,
    State state,
    int chunksTotal,
    int chunksIndexed,
    String error) {

  /** Lifecycle of a document's ingestion. */
  public enum State {
    PENDING,
    INDEXING,
    INDEXED,
    FAILED
  }
}
