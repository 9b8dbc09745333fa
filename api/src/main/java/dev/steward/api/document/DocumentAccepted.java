package dev.steward.api.document;

import java.util.Map;

/** The answer to an upload: the document's id, its ingestion state and its URL. */
public record DocumentAccepted(String documentId, String status, Map<String, String> links) {

  static DocumentAccepted of(String documentId, String status) {
    return new DocumentAccepted(
        documentId, status, Map.of("self", DocumentController.location(documentId)));
  }
}
