package dev.steward.store.document;

/** Names one stored document: document ids are unique per tenant only. */
public record DocumentKey(String tenant, String documentId) {}
