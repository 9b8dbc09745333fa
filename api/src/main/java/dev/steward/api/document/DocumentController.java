package dev.steward.api.document;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.api.security.StewardPrincipal;
import dev.steward.store.document.DocumentStatus;
import dev.steward.store.document.DocumentStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Uploading documents for retrieval, and following their ingestion. */
@RestController
@RequestMapping("/v1/documents")
@Tag(name = "Documents")
class DocumentController {

  private final DocumentIngestion ingestion;
  private final DocumentStore store;

  DocumentController(DocumentIngestion ingestion, DocumentStore store) {
    this.ingestion = ingestion;
    this.store = store;
  }

  static String location(String documentId) {
    return "/v1/documents/" + documentId;
  }

  @PostMapping
  @Operation(summary = "Upload a document and start its ingestion")
  ResponseEntity<DocumentAccepted> upload(
      @AuthenticationPrincipal StewardPrincipal principal,
      @Valid @RequestBody DocumentUpload upload) {
    DocumentAccepted accepted = ingestion.ingest(principal.tenant(), upload);
    return ResponseEntity.accepted()
        .location(URI.create(location(accepted.documentId())))
        .body(accepted);
  }

  @GetMapping("/{documentId}")
  @Operation(summary = "A document's ingestion status")
  DocumentStatus status(
      @AuthenticationPrincipal StewardPrincipal principal, @PathVariable String documentId) {
    return store
        .status(principal.tenant(), documentId)
        .orElseThrow(() ->
            new ProblemException(
                Problem.DOCUMENT_NOT_FOUND, "There is no document " + documentId + "."));
  }
}
