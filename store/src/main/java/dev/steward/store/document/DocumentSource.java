package dev.steward.store.document;

/** An uploaded document as received; ingestion reads it from here by id. */
public record DocumentSource(
    String documentId,
    String tenant,
    String title,
    String contentType,
    String content,
    String contentHash,
    long receivedAtMillis) {}
