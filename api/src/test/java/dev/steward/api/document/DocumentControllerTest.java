package dev.steward.api.document;

import static dev.steward.api.ApiSliceConfiguration.ADMIN;
import static dev.steward.api.ApiSliceConfiguration.ENGINEER;
import static dev.steward.api.ApiSliceConfiguration.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.steward.api.ApiSliceConfiguration;
import dev.steward.store.StoreUnavailableException;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.document.DocumentSource;
import dev.steward.store.document.DocumentStatus;
import dev.steward.store.document.DocumentStore;
import dev.steward.workflows.ingestion.IngestionRequest;
import dev.steward.workflows.ingestion.IngestionWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The test configuration limits document content to 1 KB (1024 bytes). */
@WebMvcTest(DocumentController.class)
@Import({ApiSliceConfiguration.class, DocumentIngestion.class, DocumentDeletion.class})
class DocumentControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean WorkflowClient workflowClient;
  @MockitoBean DocumentStore store;
  @MockitoBean ChunkIndex chunks;

  private final IngestionWorkflow stub = mock(IngestionWorkflow.class);

  @BeforeEach
  void stubs() {
    when(workflowClient.newWorkflowStub(eq(IngestionWorkflow.class), any(WorkflowOptions.class)))
        .thenReturn(stub);
  }

  private ResultActions upload(String key, String body) throws Exception {
    return mvc.perform(
        post("/v1/documents")
            .header("X-API-Key", key)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  @Test
  void storesDocumentAndStartsIngestion() throws Exception {
    upload(
            ADMIN,
            "{\"documentId\":\"returns\",\"title\":\"Returns\",\"contentType\":\"text/markdown\","
                + "\"content\":\"# Returns\\nWithin 30 days.\"}")
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/v1/documents/returns"))
        .andExpect(jsonPath("$.documentId").value("returns"))
        .andExpect(jsonPath("$.status").value("PENDING"));

    ArgumentCaptor<DocumentSource> source = ArgumentCaptor.forClass(DocumentSource.class);
    verify(store).saveSource(source.capture());
    String hash = DocumentIngestion.sha256("# Returns\nWithin 30 days.".getBytes());
    assertThat(source.getValue().contentHash()).isEqualTo(hash).hasSize(64);
    assertThat(source.getValue().tenant()).isEqualTo("acme");
    ArgumentCaptor<DocumentStatus> pending = ArgumentCaptor.forClass(DocumentStatus.class);
    verify(store).saveStatus(pending.capture());
    assertThat(pending.getValue().state()).isEqualTo("PENDING");

    ArgumentCaptor<WorkflowOptions> options = ArgumentCaptor.forClass(WorkflowOptions.class);
    verify(workflowClient).newWorkflowStub(eq(IngestionWorkflow.class), options.capture());
    assertThat(options.getValue().getWorkflowId())
        .isEqualTo("ingest.acme.returns." + hash.substring(0, 12));
    assertThat(options.getValue().getTaskQueue()).isEqualTo(IngestionWorkflow.TASK_QUEUE);
    assertThat(options.getValue().getWorkflowIdConflictPolicy())
        .isEqualTo(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING);
    verify(stub).ingest(new IngestionRequest("returns", "acme"));
  }

  @Test
  void generatesDocumentIdWhenAbsent() throws Exception {
    upload(ADMIN, "{\"title\":\"Returns\",\"content\":\"Within 30 days.\"}")
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.documentId").value(org.hamcrest.Matchers.hasLength(36)));
  }

  @Test
  void documentContentAboveLimitIsContentTooLarge() throws Exception {
    upload(ADMIN, "{\"title\":\"Big\",\"content\":\"" + "x".repeat(1025) + "\"}")
        .andExpect(status().isContentTooLarge())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/document-too-large"))
        .andExpect(jsonPath("$.detail").value(containsString("at most 1024 bytes")));
    verifyNoInteractions(workflowClient, store);
  }

  @Test
  void oversizedBodyIsRefusedBeforeParsingWithTheSameProblem() throws Exception {
    upload(ADMIN, "{\"title\":\"Big\",\"content\":\"" + "x".repeat(200_000) + "\"}")
        .andExpect(status().isContentTooLarge())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/document-too-large"))
        .andExpect(jsonPath("$.detail").value(containsString("request body may be at most")));
    verifyNoInteractions(workflowClient, store);
  }

  @Test
  void oversizedStreamedBodyWithoutLengthGetsTheSameProblem() throws Exception {
    mvc.perform(
            post("/v1/documents")
                .header("X-API-Key", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"Big\",\"content\":\"" + "x".repeat(200_000) + "\"}")
                .with(DocumentControllerTest::withoutContentLength))
        .andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/document-too-large"))
        .andExpect(jsonPath("$.detail").value(containsString("request body may be at most")));
    verifyNoInteractions(workflowClient, store);
  }

  /** The same request as if sent in chunks: no declared length, so only reading can tell. */
  private static MockHttpServletRequest withoutContentLength(MockHttpServletRequest original) {
    MockHttpServletRequest chunked =
        new MockHttpServletRequest(
            original.getServletContext(), original.getMethod(), original.getRequestURI()) {
          @Override
          public int getContentLength() {
            return -1;
          }

          @Override
          public long getContentLengthLong() {
            return -1;
          }
        };
    for (String name : Collections.list(original.getHeaderNames())) {
      if (!HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
        Collections.list(original.getHeaders(name)).forEach(v -> chunked.addHeader(name, v));
      }
    }
    chunked.setContent(original.getContentAsByteArray());
    return chunked;
  }

  @Test
  void rejectsBadId() throws Exception {
    upload(ADMIN, "{\"documentId\":\"a/b\",\"title\":\"T\",\"content\":\"x\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/invalid-request"))
        .andExpect(jsonPath("$.errors.length()").value(1));
    verifyNoInteractions(workflowClient, store);
  }

  @Test
  void unsupportedOrBinaryTypeAsJsonIsUnsupportedMediaTypeListingTheSupportedOnes()
      throws Exception {
    for (String type : new String[] {"application/pdf", "image/png"}) {
      upload(ADMIN, "{\"title\":\"T\",\"contentType\":\"" + type + "\",\"content\":\"x\"}")
          .andExpect(status().isUnsupportedMediaType())
          .andExpect(
              jsonPath("$.type").value("https://steward.dev/problems/unsupported-media-type"))
          .andExpect(jsonPath("$.detail").value(containsString("text/markdown")))
          .andExpect(jsonPath("$.supported").isArray());
    }
    verifyNoInteractions(workflowClient, store);
  }

  @Test
  void htmlIsAcceptedAsJson() throws Exception {
    upload(ADMIN, "{\"title\":\"T\",\"contentType\":\"text/html\",\"content\":\"<p>x</p>\"}")
        .andExpect(status().isAccepted());
    ArgumentCaptor<DocumentSource> source = ArgumentCaptor.forClass(DocumentSource.class);
    verify(store).saveSource(source.capture());
    assertThat(source.getValue().contentType()).isEqualTo("text/html");
  }

  @Test
  void multipartPdfIsStoredAsBytesWithItsFileNameAsTitle() throws Exception {
    byte[] pdf = "%PDF-1.7 pretend".getBytes();
    mvc.perform(
            multipart("/v1/documents")
                .file(
                    new MockMultipartFile(
                        "file", "care-guide.pdf", "application/octet-stream", pdf))
                .param("documentId", "care")
                .header("X-API-Key", ADMIN))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.documentId").value("care"));

    ArgumentCaptor<DocumentSource> source = ArgumentCaptor.forClass(DocumentSource.class);
    verify(store).saveSource(source.capture());
    assertThat(source.getValue().contentType()).isEqualTo("application/pdf");
    assertThat(source.getValue().data()).isEqualTo(pdf);
    assertThat(source.getValue().content()).isNull();
    assertThat(source.getValue().title()).isEqualTo("care-guide");
    assertThat(source.getValue().contentHash()).isEqualTo(DocumentIngestion.sha256(pdf));
    verify(stub).ingest(new IngestionRequest("care", "acme"));
  }

  @Test
  void multipartMdxIsMarkdownByItsExtension() throws Exception {
    mvc.perform(
            multipart("/v1/documents")
                .file(new MockMultipartFile("file", "intro.mdx", null, "# Hi".getBytes()))
                .param("title", "Intro")
                .header("X-API-Key", ADMIN))
        .andExpect(status().isAccepted());
    ArgumentCaptor<DocumentSource> source = ArgumentCaptor.forClass(DocumentSource.class);
    verify(store).saveSource(source.capture());
    assertThat(source.getValue().contentType()).isEqualTo("text/markdown");
    assertThat(source.getValue().content()).isEqualTo("# Hi");
  }

  @Test
  void multipartOfUnknownTypeIsUnsupportedMediaType() throws Exception {
    mvc.perform(
            multipart("/v1/documents")
                .file(new MockMultipartFile("file", "photo.png", "image/png", new byte[] {1, 2}))
                .header("X-API-Key", ADMIN))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.detail").value(containsString("application/pdf")));
    verifyNoInteractions(workflowClient, store);
  }

  @Test
  void multipartFileAboveLimitIsContentTooLargeNamingTheLimit() throws Exception {
    mvc.perform(
            multipart("/v1/documents")
                .file(new MockMultipartFile("file", "big.pdf", "application/pdf", new byte[1025]))
                .header("X-API-Key", ADMIN))
        .andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/document-too-large"))
        .andExpect(jsonPath("$.detail").value(containsString("at most 1024 bytes")));
    verifyNoInteractions(workflowClient, store);
  }

  @Test
  void deleteRemovesChunksSourceAndStatus() throws Exception {
    when(store.deleteSource("acme", "returns")).thenReturn(true);

    mvc.perform(delete("/v1/documents/returns").header("X-API-Key", ADMIN))
        .andExpect(status().isNoContent());

    var order = org.mockito.Mockito.inOrder(store, chunks);
    order.verify(store).deleteSource("acme", "returns");
    order.verify(chunks).deleteDocument("acme", "returns");
    order.verify(store).deleteStatus("acme", "returns");
  }

  @Test
  void deleteOfUnknownDocumentIsNotFoundAndNeedsAdmin() throws Exception {
    mvc.perform(delete("/v1/documents/nope").header("X-API-Key", ADMIN))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/document-not-found"));
    mvc.perform(delete("/v1/documents/returns").header("X-API-Key", REQUESTER))
        .andExpect(status().isForbidden());
    mvc.perform(delete("/v1/documents/returns").header("X-API-Key", ENGINEER))
        .andExpect(status().isForbidden());
    verify(store, org.mockito.Mockito.never()).deleteSource("acme", "returns");
    verifyNoInteractions(chunks);
  }

  @Test
  void uploadNeedsAdmin() throws Exception {
    upload(REQUESTER, "{\"title\":\"T\",\"content\":\"x\"}").andExpect(status().isForbidden());
    upload(ENGINEER, "{\"title\":\"T\",\"content\":\"x\"}").andExpect(status().isForbidden());
    verifyNoInteractions(workflowClient, store);
  }

  @Test
  void statusIsReadForTheCallersTenant() throws Exception {
    when(store.status("acme", "returns"))
        .thenReturn(
            Optional.of(
                new DocumentStatus("returns", "acme", "Returns", "INDEXED", 3, 3, null, 9)));

    mvc.perform(get("/v1/documents/returns").header("X-API-Key", ENGINEER))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("INDEXED"));
    mvc.perform(get("/v1/documents/nope").header("X-API-Key", ADMIN))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/document-not-found"));
    // Reading ingestion state is for admins and engineers; other tenants: AuthorizationMatrixIT.
    mvc.perform(get("/v1/documents/returns").header("X-API-Key", REQUESTER))
        .andExpect(status().isForbidden());
  }

  @Test
  void unreachableElasticsearchIsServiceUnavailable() throws Exception {
    when(store.status("acme", "returns"))
        .thenThrow(new StoreUnavailableException("cannot read", new IOException("refused")));

    mvc.perform(get("/v1/documents/returns").header("X-API-Key", ADMIN))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/store-unavailable"));
  }
}
