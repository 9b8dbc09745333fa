package dev.steward.workflows.ingestion;

/** The source of a document is gone (deleted before ingestion ran); retrying cannot help. */
public class DocumentNotFoundException extends RuntimeException {
  public DocumentNotFoundException(String documentId) {
    super("document source not found: " + documentId);
  }
}
