package dev.steward.api.task;

import static dev.steward.api.ApiSliceConfiguration.APPROVER;
import static dev.steward.api.ApiSliceConfiguration.GLOBEX_REQUESTER;
import static dev.steward.api.ApiSliceConfiguration.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.steward.api.ApiSliceConfiguration;
import dev.steward.store.task.TaskReadModel;
import dev.steward.workflows.task.StewardSearchAttributes;
import dev.steward.workflows.task.TaskRequest;
import dev.steward.workflows.task.TaskState;
import dev.steward.workflows.task.TaskStatus;
import dev.steward.workflows.task.TaskStep;
import dev.steward.workflows.task.TaskWorkflow;
import dev.steward.workflows.task.Usage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(TaskController.class)
@Import({
  ApiSliceConfiguration.class,
  TaskInputCheck.class,
  TaskLauncher.class,
  TaskQueries.class,
  TaskCancellation.class
})
class TaskControllerTest {

  private static final String QUESTION =
      "{\"type\":\"support-answer\",\"input\":{\"question\":" + "\"How long do refunds take?\"}}";

  @Autowired MockMvc mvc;
  @MockitoBean WorkflowClient workflowClient;
  @MockitoBean TaskReadModel readModel;

  private final TaskWorkflow startStub = org.mockito.Mockito.mock(TaskWorkflow.class);
  private final TaskWorkflow existingStub = org.mockito.Mockito.mock(TaskWorkflow.class);

  @BeforeEach
  void stubs() {
    when(workflowClient.newWorkflowStub(eq(TaskWorkflow.class), any(WorkflowOptions.class)))
        .thenReturn(startStub);
    when(workflowClient.newWorkflowStub(eq(TaskWorkflow.class), anyString()))
        .thenReturn(existingStub);
  }

  private ResultActions start(String key, String body) throws Exception {
    return mvc.perform(
        post("/v1/tasks")
            .header("X-API-Key", key)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  @Test
  void rejectsRequestWithoutApiKeyAsProblem() throws Exception {
    mvc.perform(post("/v1/tasks").contentType(MediaType.APPLICATION_JSON).content(QUESTION))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "ApiKey"))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/unauthenticated"))
        .andExpect(jsonPath("$.instance").value("/v1/tasks"));
    verifyNoInteractions(workflowClient);
  }

  @Test
  void rejectsUnknownApiKey() throws Exception {
    start("not-a-key", QUESTION)
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(containsString("not valid")));
  }

  @Test
  void rejectsStartFromApproverAsForbiddenProblem() throws Exception {
    start(APPROVER, QUESTION)
        .andExpect(status().isForbidden())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/forbidden"));
    verifyNoInteractions(workflowClient);
  }

  @Test
  void startsTaskWorkflowAndAnswersAcceptedWithLocation() throws Exception {
    start(REQUESTER, QUESTION)
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", matchesPattern("/v1/tasks/acme\\.[0-9a-f-]{36}")))
        .andExpect(jsonPath("$.status").value("RUNNING"))
        .andExpect(jsonPath("$.taskId").value(matchesPattern("acme\\.[0-9a-f-]{36}")))
        .andExpect(jsonPath("$.links.self").value(matchesPattern("/v1/tasks/acme\\..*")));

    ArgumentCaptor<WorkflowOptions> options = ArgumentCaptor.forClass(WorkflowOptions.class);
    verify(workflowClient).newWorkflowStub(eq(TaskWorkflow.class), options.capture());
    ArgumentCaptor<TaskRequest> request = ArgumentCaptor.forClass(TaskRequest.class);
    verify(startStub).run(request.capture());

    WorkflowOptions o = options.getValue();
    assertThat(o.getTaskQueue()).isEqualTo(TaskWorkflow.TASK_QUEUE);
    assertThat(o.getWorkflowId()).isEqualTo(request.getValue().taskId());
    assertThat(o.getWorkflowIdConflictPolicy())
        .isEqualTo(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING);
    assertThat(o.getWorkflowIdReusePolicy())
        .isEqualTo(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
    assertThat(o.getWorkflowExecutionTimeout()).hasDays(30);
    assertThat(o.getTypedSearchAttributes().get(StewardSearchAttributes.TENANT)).isEqualTo("acme");
    assertThat(o.getTypedSearchAttributes().get(StewardSearchAttributes.TASK_TYPE))
        .isEqualTo("support-answer");
    assertThat(o.getTypedSearchAttributes().get(StewardSearchAttributes.STATUS))
        .isEqualTo("RUNNING");

    TaskRequest r = request.getValue();
    assertThat(r.tenant()).isEqualTo("acme");
    assertThat(r.requestedBy()).isEqualTo("alice-requester");
    assertThat(r.taskType()).isEqualTo("support-answer");
    assertThat(r.input()).isEqualTo(Map.of("question", "How long do refunds take?"));
    assertThat(r.policy().modelTier()).isEqualTo("small");
  }

  @Test
  void idempotencyKeyBecomesTheTaskId() throws Exception {
    mvc.perform(
            post("/v1/tasks")
                .header("X-API-Key", REQUESTER)
                .header("Idempotency-Key", "order-42_retry")
                .contentType(MediaType.APPLICATION_JSON)
                .content(QUESTION))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/v1/tasks/acme.order-42_retry"))
        .andExpect(jsonPath("$.taskId").value("acme.order-42_retry"));
  }

  @Test
  void retriedStartOfFinishedTaskReturnsTheSameTask() throws Exception {
    when(startStub.run(any()))
        .thenThrow(
            new WorkflowExecutionAlreadyStarted(
                WorkflowExecution.newBuilder().setWorkflowId("acme.order-42").build(),
                "StewardTask",
                null));
    when(existingStub.state()).thenReturn(state("acme.order-42", TaskStatus.COMPLETED));

    mvc.perform(
            post("/v1/tasks")
                .header("X-API-Key", REQUESTER)
                .header("Idempotency-Key", "order-42")
                .contentType(MediaType.APPLICATION_JSON)
                .content(QUESTION))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/v1/tasks/acme.order-42"))
        .andExpect(jsonPath("$.taskId").value("acme.order-42"))
        .andExpect(jsonPath("$.status").value("COMPLETED"));
    verify(startStub, times(1)).run(any());
  }

  @Test
  void rejectsMalformedIdempotencyKey() throws Exception {
    mvc.perform(
            post("/v1/tasks")
                .header("X-API-Key", REQUESTER)
                .header("Idempotency-Key", "has spaces/and.dots")
                .contentType(MediaType.APPLICATION_JSON)
                .content(QUESTION))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.type").value("https://steward.dev/problems/invalid-idempotency-key"));
    verifyNoInteractions(workflowClient);
  }

  @Test
  void unknownTaskTypeIsUnprocessableAndListsKnownTypes() throws Exception {
    start(REQUESTER, "{\"type\":\"poem\",\"input\":{}}")
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/unknown-task-type"))
        .andExpect(jsonPath("$.detail").value(containsString("refund-decision")))
        .andExpect(jsonPath("$.detail").value(containsString("support-answer")));
    verifyNoInteractions(workflowClient);
  }

  @Test
  void schemaViolationIsUnprocessableWithErrors() throws Exception {
    start(REQUESTER, "{\"type\":\"support-answer\",\"input\":{\"question\":\"?\",\"extra\":1}}")
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/invalid-input"))
        .andExpect(jsonPath("$.errors").isArray())
        .andExpect(jsonPath("$.errors.length()").value(2));
    verifyNoInteractions(workflowClient);
  }

  @Test
  void oversizedInputIsContentTooLargeAndNamesTheLimit() throws Exception {
    String question = "x".repeat(5000);
    start(REQUESTER, "{\"type\":\"support-answer\",\"input\":{\"question\":\"" + question + "\"}}")
        .andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/input-too-large"))
        .andExpect(jsonPath("$.detail").value(containsString("at most 4000 characters")))
        .andExpect(jsonPath("$.detail").value(containsString("5015")));
    verifyNoInteractions(workflowClient);
  }

  @Test
  void malformedJsonIsAProblemWithoutInternals() throws Exception {
    String body =
        start(REQUESTER, "{\"type\": \"support-answer\", \"input\": {\"question\": ")
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("https://steward.dev/problems/malformed-request"))
            .andExpect(jsonPath("$.detail").value(containsString("not valid JSON")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(body).doesNotContain("Exception", "jackson", "\tat ", "dev.steward");
  }

  @Test
  void wrongFieldTypeNamesTheFieldOnly() throws Exception {
    String body =
        start(REQUESTER, "{\"type\": [1, 2], \"input\": {}}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("https://steward.dev/problems/malformed-request"))
            .andExpect(jsonPath("$.detail").value(containsString("'type'")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(body).doesNotContain("Exception", "jackson", "StartTaskBody");
  }

  @Test
  void missingInputIsInvalidRequest() throws Exception {
    start(REQUESTER, "{\"type\": \"support-answer\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/invalid-request"))
        .andExpect(jsonPath("$.errors[0].field").value("input"));
  }

  @Test
  void wrongMediaTypeIsUnsupportedMediaTypeProblem() throws Exception {
    mvc.perform(
            post("/v1/tasks")
                .header("X-API-Key", REQUESTER)
                .contentType(MediaType.TEXT_PLAIN)
                .content("hello"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/unsupported-media-type"))
        .andExpect(jsonPath("$.instance").value("/v1/tasks"));
  }

  @Test
  void wrongMethodIsMethodNotAllowedProblem() throws Exception {
    mvc.perform(get("/v1/tasks/acme.1/cancel").header("X-API-Key", REQUESTER))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/method-not-allowed"));
  }

  @Test
  void returnsTheLiveStateOfOwnTenantsTask() throws Exception {
    when(existingStub.state()).thenReturn(state("acme.t1", TaskStatus.AWAITING_APPROVAL));

    mvc.perform(get("/v1/tasks/acme.t1").header("X-API-Key", APPROVER))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.taskId").value("acme.t1"))
        .andExpect(jsonPath("$.status").value("AWAITING_APPROVAL"));
    verify(workflowClient).newWorkflowStub(TaskWorkflow.class, "acme.t1");
  }

  @Test
  void otherTenantsTaskIsNotFoundWithoutAskingTemporal() throws Exception {
    mvc.perform(get("/v1/tasks/acme.t1").header("X-API-Key", GLOBEX_REQUESTER))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/task-not-found"));
    verify(workflowClient, never()).newWorkflowStub(eq(TaskWorkflow.class), anyString());
  }

  @Test
  void unknownTaskIsNotFound() throws Exception {
    when(existingStub.state())
        .thenThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.newBuilder().setWorkflowId("acme.nope").build(), null, null));

    mvc.perform(get("/v1/tasks/acme.nope").header("X-API-Key", REQUESTER))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/task-not-found"));
  }

  @Test
  void grpcNotFoundIsNotFoundToo() throws Exception {
    when(existingStub.state())
        .thenThrow(serviceException(Status.NOT_FOUND.withDescription("workflow not found")));

    mvc.perform(get("/v1/tasks/acme.nope").header("X-API-Key", REQUESTER))
        .andExpect(status().isNotFound());
  }

  @Test
  void unreachableTemporalIsServiceUnavailable() throws Exception {
    when(existingStub.state()).thenThrow(serviceException(Status.UNAVAILABLE));

    mvc.perform(get("/v1/tasks/acme.t1").header("X-API-Key", REQUESTER))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/temporal-unavailable"));
  }

  @Test
  void unexpectedFailureIsGenericProblem() throws Exception {
    when(existingStub.state()).thenThrow(new IllegalStateException("secret internals"));

    String body =
        mvc.perform(get("/v1/tasks/acme.t1").header("X-API-Key", REQUESTER))
            .andExpect(status().isInternalServerError())
            .andExpect(jsonPath("$.type").value("https://steward.dev/problems/internal-error"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(body).doesNotContain("secret internals", "IllegalStateException");
  }

  @Test
  void listsOwnTenantsTasksFromReadModel() throws Exception {
    when(readModel.search("acme", TaskStatus.COMPLETED, "support-answer", 10))
        .thenReturn(List.of(state("acme.t1", TaskStatus.COMPLETED)));

    mvc.perform(
            get("/v1/tasks?status=completed&type=support-answer&limit=10")
                .header("X-API-Key", REQUESTER))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tasks[0].taskId").value("acme.t1"));
  }

  @Test
  void unknownStatusFilterListsAllowedValues() throws Exception {
    mvc.perform(get("/v1/tasks?status=DONE").header("X-API-Key", REQUESTER))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/invalid-parameter"))
        .andExpect(jsonPath("$.detail").value(containsString("AWAITING_APPROVAL")))
        .andExpect(jsonPath("$.allowedValues", hasItem("CANCELLED")));
  }

  @Test
  void limitAboveMaximumIsRejected() throws Exception {
    mvc.perform(get("/v1/tasks?limit=500").header("X-API-Key", REQUESTER))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("200")));
  }

  @Test
  void cancelsRunningTask() throws Exception {
    WorkflowStub untyped = untypedStub(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    mvc.perform(post("/v1/tasks/acme.t1/cancel").header("X-API-Key", REQUESTER))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/v1/tasks/acme.t1"));
    verify(untyped).cancel(anyString());
  }

  @Test
  void cancellingFinishedTaskIsConflict() throws Exception {
    WorkflowStub untyped = untypedStub(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);

    mvc.perform(post("/v1/tasks/acme.t1/cancel").header("X-API-Key", REQUESTER))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/task-finished"));
    verify(untyped, never()).cancel(anyString());
  }

  @Test
  void cancellingOtherTenantsTaskIsNotFound() throws Exception {
    mvc.perform(post("/v1/tasks/acme.t1/cancel").header("X-API-Key", GLOBEX_REQUESTER))
        .andExpect(status().isNotFound())
        .andExpect(content().string(not(containsString("alice-requester"))));
    verifyNoInteractions(workflowClient);
  }

  private WorkflowStub untypedStub(WorkflowExecutionStatus status) {
    WorkflowStub untyped = org.mockito.Mockito.mock(WorkflowStub.class);
    WorkflowExecutionDescription description =
        org.mockito.Mockito.mock(WorkflowExecutionDescription.class);
    when(description.getStatus()).thenReturn(status);
    when(untyped.describe()).thenReturn(description);
    when(workflowClient.newUntypedWorkflowStub("acme.t1")).thenReturn(untyped);
    return untyped;
  }

  private static WorkflowServiceException serviceException(Status status) {
    return new WorkflowServiceException(
        WorkflowExecution.newBuilder().setWorkflowId("acme.t1").build(),
        "StewardTask",
        new StatusRuntimeException(status));
  }

  static TaskState state(String taskId, TaskStatus status) {
    return new TaskState(
        taskId,
        "acme",
        "support-answer",
        "alice-requester",
        status,
        TaskStep.DONE,
        List.of(),
        Usage.none(),
        List.of(),
        Map.of("answer", "Within 14 days."),
        true,
        null,
        null,
        null,
        null,
        1L,
        2L,
        List.of(),
        null,
        null,
        List.of(),
        List.of(),
        List.of());
  }
}
