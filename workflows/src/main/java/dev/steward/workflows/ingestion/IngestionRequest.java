package dev.steward.workflows.ingestion;

/** A document by reference: its raw text waits in the source store, not in history. */
public record IngestionRequest(String documentId, String tenant) {}
