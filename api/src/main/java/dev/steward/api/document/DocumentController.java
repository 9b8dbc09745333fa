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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Uploading documents for retrieval, and following their ingestion. */
@RestController
@RequestMapping("/v1/documents")
@Tag(name = "Documents")
class DocumentController {

  private final DocumentIngestion ingestion;
  private final DocumentDeletion deletion;
  private final DocumentStore store;

  DocumentController(DocumentIngestion ingestion, DocumentDeletion deletion, DocumentStore store) {
    this.ingestion = ingestion;
    this.deletion = deletion;
    this.store = store;
  }

  static String location(String documentId) {
    return "/v1/documents/" + documentId;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Upload a text document (Markdown/MDX, HTML, plain text) as JSON")
  ResponseEntity<DocumentAccepted> upload(
      @AuthenticationPrincipal StewardPrincipal principal,
      @Valid @RequestBody DocumentUpload upload) {
    return accepted(ingestion.ingest(principal.tenant(), upload));
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Upload a file of any supported format, PDF included")
  ResponseEntity<DocumentAccepted> uploadFile(
      @AuthenticationPrincipal StewardPrincipal principal,
      @RequestPart("file") MultipartFile file,
      @RequestParam(required = false) String documentId,
      @RequestParam(required = false) String title) {
    return accepted(ingestion.ingest(principal.tenant(), file, documentId, title));
  }

  @DeleteMapping("/{documentId}")
  @Operation(summary = "Delete a document: its chunks, source and status")
  ResponseEntity<Void> delete(
      @AuthenticationPrincipal StewardPrincipal principal, @PathVariable String documentId) {
    if (!deletion.delete(principal.tenant(), documentId)) {
      throw notFound(documentId);
    }
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<DocumentAccepted> accepted(DocumentAccepted accepted) {
    return ResponseEntity.accepted()
        .location(URI.create(location(accepted.documentId())))
        .body(accepted);
  }

  private static ProblemException notFound(String documentId) {
    return new ProblemException(
        Problem.DOCUMENT_NOT_FOUND, "There is no document " + documentId + ".");
  }

  @GetMapping("/{documentId}")
  @Operation(summary = "A document's ingestion status")
  DocumentStatus status(
      @AuthenticationPrincipal StewardPrincipal principal, @PathVariable String documentId) {
    return store.status(principal.tenant(), documentId).orElseThrow(() -> notFound(documentId));
  }
}
