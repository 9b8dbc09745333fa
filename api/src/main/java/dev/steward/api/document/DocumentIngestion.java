package dev.steward.api.document;

import dev.steward.api.ApiProperties;
import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Stores an uploaded document and starts its ingestion. Only the document id travels through the
 * workflow; the text waits in the source store.
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
    byte[] content = upload.content().getBytes(StandardCharsets.UTF_8);
    long limit = properties.maxDocumentBytes().toBytes();
    if (content.length > limit) {
      throw new ProblemException(
          Problem.DOCUMENT_TOO_LARGE,
          "Document content may be at most %d bytes (UTF-8); this one has %d."
              .formatted(limit, content.length),
          Map.of("limit", limit, "size", content.length));
    }
    String documentId =
        upload.documentId() == null ? UUID.randomUUID().toString() : upload.documentId();
    String hash = sha256(content);
    long now = System.currentTimeMillis();
    store.saveSource(
        new DocumentSource(
            documentId,
            tenant,
            upload.title(),
            upload.contentType() == null
                ? DocumentUpload.DEFAULT_CONTENT_TYPE
                : upload.contentType(),
            upload.content(),
            hash,
            now));
    String pending = IngestionProgress.State.PENDING.name();
    store.saveStatus(
        new DocumentStatus(documentId, tenant, upload.title(), pending, 0, 0, null, now));
    startIngestion(tenant, documentId, hash);
    return DocumentAccepted.of(documentId, pending);
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
