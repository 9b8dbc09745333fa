package dev.steward.store.document;

/** What {@code GET /v1/documents/{id}} shows: ingestion state and chunk counts. */
public record DocumentStatus(
    String documentId,
    String tenant,
    String title,
    String state,
    int chunksTotal,
    int chunksIndexed,
    String error,
    long updatedAtMillis) {}
