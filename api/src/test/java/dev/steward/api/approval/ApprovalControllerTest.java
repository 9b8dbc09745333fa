package dev.steward.api.approval;

import static dev.steward.api.ApiSliceConfiguration.ADMIN;
import static dev.steward.api.ApiSliceConfiguration.APPROVER;
import static dev.steward.api.ApiSliceConfiguration.GLOBEX_APPROVER;
import static dev.steward.api.ApiSliceConfiguration.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.steward.api.ApiSliceConfiguration;
import dev.steward.api.task.TaskQueries;
import dev.steward.store.task.TaskReadModel;
import dev.steward.workflows.task.DecisionRecord;
import dev.steward.workflows.task.DecisionRequest;
import dev.steward.workflows.task.PendingApproval;
import dev.steward.workflows.task.StaleActionException;
import dev.steward.workflows.task.TaskState;
import dev.steward.workflows.task.TaskStatus;
import dev.steward.workflows.task.TaskStep;
import dev.steward.workflows.task.TaskWorkflow;
import dev.steward.workflows.task.Usage;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

@WebMvcTest(ApprovalController.class)
@Import({ApiSliceConfiguration.class, TaskQueries.class, DecisionSender.class})
class ApprovalControllerTest {

  private static final String HASH = "a".repeat(64);

  @Autowired MockMvc mvc;
  @MockitoBean WorkflowClient workflowClient;
  @MockitoBean TaskReadModel readModel;

  private final TaskWorkflow stub = mock(TaskWorkflow.class);

  @BeforeEach
  void stubs() {
    when(workflowClient.newWorkflowStub(eq(TaskWorkflow.class), anyString())).thenReturn(stub);
  }

  private ResultActions decide(String key, String taskId, String body) throws Exception {
    return mvc.perform(
        post("/v1/tasks/{id}/decision", taskId)
            .header("X-API-Key", key)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  @Test
  void decisionComesFromTheAuthenticatedPrincipalNotTheBody() throws Exception {
    when(stub.decide(any()))
        .thenReturn(
            new DecisionRecord(
                "bob-approver", DecisionRequest.Verdict.APPROVE, "ok", 5L, "issue-refund", HASH));

    decide(
            APPROVER,
            "acme.t1",
            "{\"verdict\":\"APPROVE\",\"comment\":\"ok\",\"approver\":\"mallory\","
                + "\"approverTenant\":\"globex\",\"approverRoles\":[\"admin\"],"
                + "\"actionHash\":\""
                + HASH
                + "\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.decidedBy").value("bob-approver"))
        .andExpect(jsonPath("$.verdict").value("APPROVE"))
        .andExpect(jsonPath("$.actionHash").value(HASH));

    ArgumentCaptor<DecisionRequest> sent = ArgumentCaptor.forClass(DecisionRequest.class);
    verify(stub).decide(sent.capture());
    assertThat(sent.getValue())
        .isEqualTo(
            new DecisionRequest(
                "bob-approver",
                "acme",
                Set.of("approver"),
                DecisionRequest.Verdict.APPROVE,
                "ok",
                HASH));
    verify(workflowClient).newWorkflowStub(TaskWorkflow.class, "acme.t1");
  }

  @Test
  void approvalWithoutActionHashIsBadRequest() throws Exception {
    decide(APPROVER, "acme.t1", "{\"verdict\":\"APPROVE\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/invalid-request"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("actionHash")));
    verifyNoInteractions(workflowClient);
  }

  @Test
  void malformedActionHashIsBadRequest() throws Exception {
    decide(APPROVER, "acme.t1", "{\"verdict\":\"APPROVE\",\"actionHash\":\"abc\"}")
        .andExpect(status().isBadRequest());
    verifyNoInteractions(workflowClient);
  }

  @Test
  void rejectionMayOmitTheActionHash() throws Exception {
    when(stub.decide(any()))
        .thenReturn(
            new DecisionRecord(
                "bob-approver", DecisionRequest.Verdict.REJECT, "no", 5L, "issue-refund", HASH));

    decide(APPROVER, "acme.t1", "{\"verdict\":\"REJECT\",\"comment\":\"no\"}")
        .andExpect(status().isOk());

    ArgumentCaptor<DecisionRequest> sent = ArgumentCaptor.forClass(DecisionRequest.class);
    verify(stub).decide(sent.capture());
    assertThat(sent.getValue().actionHash()).isNull();
  }

  @Test
  void staleActionHashIsConflictWithItsOwnType() throws Exception {
    when(stub.decide(any()))
        .thenThrow(
            rejected(
                StaleActionException.class.getName(),
                "the proposed action changed; reload and decide again"));

    decide(APPROVER, "acme.t1", approve())
        .andExpect(status().isConflict())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/stale-action"))
        .andExpect(
            jsonPath("$.detail").value("the proposed action changed; reload and decide again"));
  }

  @Test
  void validatorStateRejectionIsConflict() throws Exception {
    when(stub.decide(any()))
        .thenThrow(
            rejected(
                "java.lang.IllegalStateException",
                "the task is not awaiting approval; its status is COMPLETED"));

    decide(APPROVER, "acme.t1", "{\"verdict\":\"REJECT\"}")
        .andExpect(status().isConflict())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.type").value("https://steward.dev/problems/task-not-awaiting-decision"))
        .andExpect(
            jsonPath("$.detail")
                .value("the task is not awaiting approval; its status is COMPLETED"));
  }

  @Test
  void validatorArgumentRejectionIsForbidden() throws Exception {
    when(stub.decide(any()))
        .thenThrow(
            rejected(
                "java.lang.IllegalArgumentException", "a requester cannot approve its own task"));

    decide(APPROVER, "acme.t1", approve())
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/decision-not-allowed"))
        .andExpect(jsonPath("$.detail").value("a requester cannot approve its own task"));
  }

  @Test
  void decisionOnUnknownTaskIsNotFound() throws Exception {
    when(stub.decide(any()))
        .thenThrow(
            new WorkflowNotFoundException(
                WorkflowExecution.newBuilder().setWorkflowId("acme.nope").build(), null, null));
    when(readModel.find("acme", "acme.nope")).thenReturn(Optional.empty());

    decide(APPROVER, "acme.nope", approve())
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://steward.dev/problems/task-not-found"));
  }

  @Test
  void decisionOnOtherTenantsTaskIsNotFound() throws Exception {
    decide(GLOBEX_APPROVER, "acme.t1", approve()).andExpect(status().isNotFound());
    verifyNoInteractions(workflowClient);
  }

  @Test
  void decisionNeedsApproverRole() throws Exception {
    decide(ADMIN, "acme.t1", approve()).andExpect(status().isForbidden());
    decide(REQUESTER, "acme.t1", approve()).andExpect(status().isForbidden());
    verifyNoInteractions(workflowClient);
  }

  @Test
  void unknownVerdictIsBadRequest() throws Exception {
    decide(APPROVER, "acme.t1", "{\"verdict\":\"MAYBE\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("verdict must be one of APPROVE, REJECT."));
    verifyNoInteractions(workflowClient);
  }

  @Test
  void listsTenantsPendingApprovals() throws Exception {
    PendingApproval pending =
        new PendingApproval(
            "issue-refund",
            Map.of("refundAmount", 250),
            HASH,
            List.of("amount 250.0 is above the threshold 100.0"),
            250.0,
            100,
            1,
            List.of(),
            List.of("approver"),
            false,
            1L,
            Long.MAX_VALUE,
            2L);
    TaskState waiting =
        new TaskState(
            "acme.t1",
            "acme",
            "refund-decision",
            "alice-requester",
            TaskStatus.AWAITING_APPROVAL,
            TaskStep.AWAIT_APPROVAL,
            List.of(),
            Usage.none(),
            List.of(),
            Map.of("decision", "refund", "refundAmount", 250),
            true,
            pending,
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
    when(readModel.search(eq("acme"), eq(TaskStatus.AWAITING_APPROVAL), eq(null), anyInt()))
        .thenReturn(List.of(waiting));

    mvc.perform(get("/v1/approvals").header("X-API-Key", APPROVER))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.approvals[0].taskId").value("acme.t1"))
        .andExpect(jsonPath("$.approvals[0].pendingApproval.amount").value(250.0))
        .andExpect(jsonPath("$.approvals[0].pendingApproval.actionKind").value("issue-refund"))
        .andExpect(jsonPath("$.approvals[0].pendingApproval.actionHash").value(HASH));
  }

  @Test
  void approvalsNeedApproverRole() throws Exception {
    mvc.perform(get("/v1/approvals").header("X-API-Key", REQUESTER))
        .andExpect(status().isForbidden());
  }

  private static String approve() {
    return "{\"verdict\":\"APPROVE\",\"actionHash\":\"" + HASH + "\"}";
  }

  private static WorkflowUpdateException rejected(String type, String message) {
    return new WorkflowUpdateException(
        WorkflowExecution.newBuilder().setWorkflowId("acme.t1").build(),
        "update-1",
        "decide",
        ApplicationFailure.newFailure(message, type));
  }
}
