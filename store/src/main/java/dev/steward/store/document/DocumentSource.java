package dev.steward.store.document;

/**
 * An uploaded document as received; ingestion reads it from here by id. Text formats keep their
 * text in {@code content}; binary formats (PDF) keep their bytes in {@code data}, stored base64 in
 * an Elasticsearch {@code binary} field (kept in {@code _source}, never indexed).
 *
 * @param contentType the canonical media type of its {@link DocumentFormat}
 * @param contentHash SHA-256 of the text (UTF-8) or of the bytes
 */
public record DocumentSource(
    String documentId,
    String tenant,
    String title,
    String contentType,
    String content,
    byte[] data,
    String contentHash,
    long receivedAtMillis) {

  /** A text document. */
  public DocumentSource(
      String documentId,
      String tenant,
      String title,
      String contentType,
      String content,
      String contentHash,
      long receivedAtMillis) {
    this(documentId, tenant, title, contentType, content, null, contentHash, receivedAtMillis);
  }
}
