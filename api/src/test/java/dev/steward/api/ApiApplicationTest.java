package dev.steward.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.steward.store.action.ActionLedger;
import dev.steward.store.chunk.ChunkIndexVersions;
import dev.steward.store.document.DocumentStore;
import dev.steward.store.model.ModelCallJournal;
import dev.steward.store.prompt.PromptRegistry;
import dev.steward.store.redaction.RedactionStore;
import dev.steward.store.task.TaskReadModel;
import dev.steward.store.trace.TraceStore;
import dev.steward.store.trace.TraceTextRedactor;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.bean.override.mockito.MockReset;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The whole API context as {@link ApiApplication} starts it, with Temporal and stores mocked. */
@SpringBootTest(
    properties = {
      "management.health.elasticsearch.enabled=false",
      // Any 256-bit key: the payload codec refuses to start without one.
      "steward.codec.keys.test=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
      "steward.codec.active-key=test"
    })
@AutoConfigureMockMvc
class ApiApplicationTest {

  @Autowired MockMvc mvc;
  @Autowired TraceTextRedactor feedbackRedactor;
  @MockitoBean WorkflowClient workflowClient;

  // Not reset between tests: the calls under test happen once, when the context starts.
  @MockitoBean(reset = MockReset.NONE)
  TaskReadModel readModel;

  @MockitoBean(reset = MockReset.NONE)
  DocumentStore documentStore;

  @MockitoBean(reset = MockReset.NONE)
  ChunkIndexVersions chunkIndex;

  @MockitoBean(reset = MockReset.NONE)
  ActionLedger actionLedger;

  @MockitoBean(reset = MockReset.NONE)
  RedactionStore redactions;

  @MockitoBean(reset = MockReset.NONE)
  PromptRegistry prompts;

  @MockitoBean(reset = MockReset.NONE)
  TraceStore traces;

  @MockitoBean(reset = MockReset.NONE)
  ModelCallJournal modelCalls;

  @Test
  void createsIndicesAtStart() {
    verify(readModel).createIndex();
    verify(documentStore).createIndices();
    verify(chunkIndex).createIndex();
    verify(actionLedger).createIndex();
    verify(redactions).createIndex();
    verify(prompts, atLeastOnce()).createIndices();
    verify(traces).createTemplate();
    verify(modelCalls).createIndex();
  }

  @Test
  void documentsTheApiKeySchemeWithoutAuthentication() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.components.securitySchemes.ApiKey.type").value("apiKey"))
        .andExpect(jsonPath("$.components.securitySchemes.ApiKey.in").value("header"))
        .andExpect(jsonPath("$.components.securitySchemes.ApiKey.name").value("X-API-Key"))
        .andExpect(jsonPath("$.paths['/v1/tasks'].post.summary").value("Start a task"));
  }

  @Test
  void redactsFeedbackCommentsWithoutTheWorkerSteps() {
    assertThat(feedbackRedactor.redact("Write to jane.doe@example.com please"))
        .doesNotContain("jane.doe@example.com")
        .contains("Write to");
  }

  @Test
  void healthNeedsNoKey() throws Exception {
    mvc.perform(get("/actuator/health")).andExpect(status().isOk());
  }

  @Test
  void everythingElseNeedsAKey() throws Exception {
    mvc.perform(get("/v1/approvals"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail", containsString("X-API-Key")));
    mvc.perform(get("/nowhere")).andExpect(status().isUnauthorized());
  }
}
