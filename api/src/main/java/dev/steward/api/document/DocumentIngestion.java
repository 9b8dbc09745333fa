package dev.steward.api.document;

import dev.steward.api.ApiProperties;
import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.store.document.DocumentFormat;
import dev.steward.store.document.DocumentSource;
import dev.steward.store.document.DocumentStatus;
import dev.steward.store.document.DocumentStore;
import dev.steward.workflows.ingestion.IngestionProgress;
import dev.steward.workflows.ingestion.IngestionRequest;
import dev.steward.workflows.ingestion.IngestionWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Stores an uploaded document and starts its ingestion. Only the document id travels through the
 * workflow; the text (or, for PDF, the bytes) waits in the source store.
 */
@Component
public class DocumentIngestion {

  private final DocumentStore store;
  private final WorkflowClient workflows;
  private final ApiProperties properties;

  DocumentIngestion(DocumentStore store, WorkflowClient workflows, ApiProperties properties) {
    this.store = store;
    this.workflows = workflows;
    this.properties = properties;
  }

  /**
   * Stores {@code upload} for {@code tenant} and starts its ingestion; the tenant comes from the
   * caller's authentication (or, for bundled demo content, from configuration).
   */
  public DocumentAccepted ingest(String tenant, DocumentUpload upload) {
    String contentType =
        upload.contentType() == null ? DocumentUpload.DEFAULT_CONTENT_TYPE : upload.contentType();
    DocumentFormat format =
        DocumentFormat.ofMediaType(contentType)
            .filter(f -> !f.binary())
            .orElseThrow(() ->
                unsupported(
                    "'"
                        + contentType
                        + "' cannot be uploaded as JSON text. JSON uploads take "
                        + textTypes()
                        + "; upload PDF as multipart/form-data."));
    byte[] content = upload.content().getBytes(StandardCharsets.UTF_8);
    checkSize(content.length);
    return store(tenant, upload.documentId(), upload.title(), format, upload.content(), content);
  }

  /**
   * Stores an uploaded file: its format from the part's content type, else its file name's
   * extension; text formats must be UTF-8.
   */
  public DocumentAccepted ingest(
      String tenant, MultipartFile file, String documentId, String title) {
    if (documentId != null && !documentId.matches(DocumentUpload.ID_PATTERN)) {
      throw new ProblemException(
          Problem.INVALID_REQUEST,
          "'documentId' must be 1 to 100 letters, digits, '_' or '-'.",
          Map.of(
              "errors",
              List.of(
                  Map.of(
                      "field",
                      "documentId",
                      "message",
                      "must be 1 to 100 letters, digits, '_' or '-'"))));
    }
    DocumentFormat format =
        DocumentFormat.ofMediaType(file.getContentType())
            .or(() -> DocumentFormat.ofFileName(file.getOriginalFilename()))
            .orElseThrow(() ->
                unsupported(
                    "Cannot ingest '%s' (%s). Supported: %s, or a file named .md, .mdx, .html, .txt or .pdf."
                        .formatted(
                            file.getOriginalFilename(),
                            file.getContentType(),
                            String.join(", ", DocumentFormat.mediaTypes()))));
    checkSize(file.getSize());
    byte[] bytes = bytes(file);
    checkSize(bytes.length);
    if (bytes.length == 0) {
      throw new ProblemException(Problem.INVALID_REQUEST, "The uploaded file is empty.");
    }
    String name = title;
    if (name == null || name.isBlank()) {
      String fileName = file.getOriginalFilename();
      name =
          fileName == null || fileName.isBlank()
              ? "Untitled"
              : fileName.replaceFirst("\\.[^.]*$", "");
    }
    if (name.length() > 500) {
      throw new ProblemException(Problem.INVALID_REQUEST, "'title' may be at most 500 characters.");
    }
    String text = format.binary() ? null : utf8(bytes);
    return store(tenant, documentId, name, format, text, bytes);
  }

  private DocumentAccepted store(
      String tenant,
      String requestedId,
      String title,
      DocumentFormat format,
      String text,
      byte[] bytes) {
    String documentId = requestedId == null ? UUID.randomUUID().toString() : requestedId;
    String hash = sha256(bytes);
    long now = System.currentTimeMillis();
    store.saveSource(
        new DocumentSource(
            documentId,
            tenant,
            title,
            format.mediaType(),
            text,
            format.binary() ? bytes : null,
            hash,
            now));
    String pending = IngestionProgress.State.PENDING.name();
    store.saveStatus(new DocumentStatus(documentId, tenant, title, pending, 0, 0, null, now));
    startIngestion(tenant, documentId, hash);
    return DocumentAccepted.of(documentId, pending);
  }

  private void checkSize(long size) {
    long limit = properties.maxDocumentBytes().toBytes();
    if (size > limit) {
      throw new ProblemException(
          Problem.DOCUMENT_TOO_LARGE,
          "Document content may be at most %d bytes (UTF-8); this one has %d."
              .formatted(limit, size),
          Map.of("limit", limit, "size", size));
    }
  }

  private static ProblemException unsupported(String detail) {
    return new ProblemException(
        Problem.UNSUPPORTED_MEDIA_TYPE, detail, Map.of("supported", DocumentFormat.mediaTypes()));
  }

  private static String textTypes() {
    return String.join(
        ", ",
        java.util.Arrays.stream(DocumentFormat.values())
            .filter(f -> !f.binary())
            .map(DocumentFormat::mediaType)
            .toList());
  }

  private static byte[] bytes(MultipartFile file) {
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded file", e);
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ProblemException(
          Problem.INVALID_REQUEST, "A text document must be encoded in UTF-8.");
    }
  }

  /**
   * The workflow id names the content's hash: the same content uploaded again while its ingestion
   * runs joins that run, while new content under the same id gets its own run.
   */
  private void startIngestion(String tenant, String documentId, String hash) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(IngestionWorkflow.TASK_QUEUE)
            .setWorkflowId("ingest." + tenant + "." + documentId + "." + hash.substring(0, 12))
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            // A finished run is no obstacle: re-uploading re-ingests, which is idempotent.
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    IngestionWorkflow stub = workflows.newWorkflowStub(IngestionWorkflow.class, options);
    WorkflowClient.start(stub::ingest, new IngestionRequest(documentId, tenant));
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
