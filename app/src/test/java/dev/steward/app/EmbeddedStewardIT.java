package dev.steward.app;

import static dev.steward.app.StewardHttp.ADMIN;
import static dev.steward.app.StewardHttp.APPROVER;
import static dev.steward.app.StewardHttp.OTHER_TENANT_APPROVER;
import static dev.steward.app.StewardHttp.OTHER_TENANT_REQUESTER;
import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.store.action.ActionLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The embedded default end to end: the real Elasticsearch node, Temporal's in-process server, the
 * offline model and the demo corpus, driven over HTTP as a user would.
 */
class EmbeddedStewardIT {

  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);

  private static EmbeddedSteward steward;
  private static StewardHttp http;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createTempDirectory("steward-it");
    steward = EmbeddedSteward.start(data, Map.of("server.port", 0));
    http = new StewardHttp(steward.port());
    http.awaitHealthy(Duration.ofSeconds(120));
  }

  @AfterAll
  static void stop() {
    if (steward != null) {
      steward.close();
    }
  }

  @Test
  void answersASupportQuestionWithCitationsOfRetrievedPassages() throws Exception {
    var accepted =
        http.post(
            "/v1/tasks",
            REQUESTER,
            """
            {"type":"support-answer","input":{"question":"How many days after I return an item do I get my refund?"}}\
            """);
    assertThat(accepted.status()).isEqualTo(202);
    String taskId = accepted.json().path("taskId").asString();
    assertThat(accepted.location()).endsWith("/v1/tasks/" + taskId);

    JsonNode task = http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);

    JsonNode output = task.path("output");
    assertThat(output.path("answer").asString()).containsIgnoringCase("business days");
    List<String> retrieved = texts(task.path("passages"), "chunkId");
    List<String> cited = texts(output.path("citations"), null);
    assertThat(cited).isNotEmpty();
    assertThat(retrieved).containsAll(cited);
    assertThat(task.path("grounded").asBoolean()).isTrue();
    JsonNode call = null;
    for (JsonNode c : task.path("usage").path("calls")) {
      if ("DraftOutput".equals(c.path("step").asString())) {
        call = c;
      }
    }
    assertThat(call).as("the reasoning step's model call").isNotNull();
    assertThat(call.path("provider").asString()).isEqualTo("offline");
    assertThat(call.path("promptTokens").asInt()).isGreaterThan(50);
    assertThat(task.path("stepsDone").toString())
        .contains(
            "SCREEN_INPUT",
            "CLASSIFY_TASK",
            "RETRIEVE_PASSAGES",
            "DRAFT_OUTPUT",
            "VALIDATE_OUTPUT");
    assertThat(task.path("classification").path("complexity").asString()).isIn("SIMPLE", "COMPLEX");
  }

  @Test
  void refundAboveThresholdWaitsForApprovalAndExecutesOnce() throws Exception {
    String taskId = startRefund(150);

    JsonNode waiting = http.awaitTask(taskId, REQUESTER, "AWAITING_APPROVAL"::equals, TASK_TIMEOUT);
    assertThat(waiting.path("pendingApproval").path("amount").asDouble()).isEqualTo(150.0);
    assertThat(waiting.path("pendingApproval").path("threshold").asDouble()).isEqualTo(100.0);
    var inbox = http.awaitListing("/v1/approvals", APPROVER, taskId);
    assertThat(inbox.status()).isEqualTo(200);
    assertThat(inbox.body()).contains(taskId);
    assertThat(http.get("/v1/approvals", OTHER_TENANT_APPROVER).body()).doesNotContain(taskId);

    String actionHash = waiting.path("pendingApproval").path("actionHash").asString();
    assertThat(actionHash).hasSize(64);
    var stale =
        http.post(
            "/v1/tasks/" + taskId + "/decision",
            APPROVER,
            "{\"verdict\":\"APPROVE\",\"actionHash\":\"" + "0".repeat(64) + "\"}");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().path("type").asString()).endsWith("/stale-action");

    var decision =
        http.post(
            "/v1/tasks/" + taskId + "/decision",
            APPROVER,
            """
            {"verdict":"APPROVE","comment":"receipt checked","approver":"mallory","actionHash":"%s"}\
            """
                .formatted(actionHash));
    assertThat(decision.status()).isEqualTo(200);
    assertThat(decision.json().path("decidedBy").asString()).isEqualTo("bob-approver");

    JsonNode done = http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
    assertThat(done.path("action").path("firstExecution").asBoolean()).isTrue();
    assertThat(done.path("decision").path("verdict").asString()).isEqualTo("APPROVE");
    assertThat(done.path("decisions").get(0).path("actionHash").asString()).isEqualTo(actionHash);
    assertThat(steward.context().getBean(ActionLedger.class).countFor(taskId)).isEqualTo(1);

    var second =
        http.post("/v1/tasks/" + taskId + "/decision", APPROVER, "{\"verdict\":\"REJECT\"}");
    assertThat(second.status()).isBetween(400, 499);
    assertThat(second.contentType()).startsWith("application/problem+json");
  }

  @Test
  void rejectedRefundEndsWithoutAction() throws Exception {
    String taskId = startRefund(240);
    String actionHash =
        http.awaitTask(taskId, REQUESTER, "AWAITING_APPROVAL"::equals, TASK_TIMEOUT)
            .path("pendingApproval")
            .path("actionHash")
            .asString();
    String approve = "{\"verdict\":\"APPROVE\",\"actionHash\":\"" + actionHash + "\"}";

    var selfApproval = http.post("/v1/tasks/" + taskId + "/decision", REQUESTER, approve);
    assertThat(selfApproval.status()).isEqualTo(403);
    var otherTenant =
        http.post("/v1/tasks/" + taskId + "/decision", OTHER_TENANT_APPROVER, approve);
    assertThat(otherTenant.status()).isEqualTo(404);

    var reject =
        http.post(
            "/v1/tasks/" + taskId + "/decision",
            APPROVER,
            "{\"verdict\":\"REJECT\",\"comment\":\"outside the return window\"}");
    assertThat(reject.status()).isEqualTo(200);

    JsonNode done = http.awaitTask(taskId, REQUESTER, "REJECTED"::equals, TASK_TIMEOUT);
    assertThat(done.path("reason").asString()).contains("outside the return window");
    assertThat(steward.context().getBean(ActionLedger.class).countFor(taskId)).isZero();
  }

  @Test
  void smallRefundCompletesWithoutApproval() throws Exception {
    String taskId = startRefund(40);
    JsonNode done = http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
    assertThat(done.path("decision").isNull() || done.path("decision").isMissingNode()).isTrue();
    assertThat(steward.context().getBean(ActionLedger.class).countFor(taskId)).isEqualTo(1);
  }

  @Test
  void retriedStartReturnsTheSameTaskAndNeverASecondRun() throws Exception {
    String key = "order-" + UUID.randomUUID();
    String body =
        """
        {"type":"support-answer","input":{"question":"Do gift cards expire?"}}\
        """;
    var first = http.post("/v1/tasks", REQUESTER, body, key);
    var again = http.post("/v1/tasks", REQUESTER, body, key);
    String taskId = first.json().path("taskId").asString();
    assertThat(again.json().path("taskId").asString()).isEqualTo(taskId);

    http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
    var afterCompletion = http.post("/v1/tasks", REQUESTER, body, key);
    assertThat(afterCompletion.status()).isEqualTo(202);
    assertThat(afterCompletion.json().path("taskId").asString()).isEqualTo(taskId);
  }

  @Test
  void badInputGetsProblemDetails() throws Exception {
    assertProblem(http.post("/v1/tasks", REQUESTER, "{\"type\": \"support-answer\", "), 400, null);
    assertProblem(
        http.post("/v1/tasks", REQUESTER, "{\"type\":\"tarot-reading\",\"input\":{}}"),
        422,
        "support-answer");
    assertProblem(
        http.post("/v1/tasks", REQUESTER, "{\"type\":\"support-answer\",\"input\":{\"q\":1}}"),
        422,
        "question");
    String huge = "x".repeat(5000);
    assertProblem(
        http.post(
            "/v1/tasks",
            REQUESTER,
            "{\"type\":\"support-answer\",\"input\":{\"question\":\"" + huge + "\"}}"),
        413,
        "4000");
    assertProblem(http.get("/v1/tasks/acme.no-such-task", REQUESTER), 404, null);
    assertProblem(http.get("/v1/tasks?status=SLEEPING", REQUESTER), 400, "AWAITING_APPROVAL");
    assertProblem(http.get("/v1/tasks", null), 401, null);

    String done = startSupportTask("What payment methods do you accept?");
    http.awaitTask(done, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
    assertProblem(
        http.post("/v1/tasks/" + done + "/decision", APPROVER, "{\"verdict\":\"APPROVE\"}"),
        400,
        "actionHash");
    assertProblem(
        http.post(
            "/v1/tasks/" + done + "/decision",
            APPROVER,
            "{\"verdict\":\"APPROVE\",\"actionHash\":\"" + "0".repeat(64) + "\"}"),
        409,
        null);
  }

  @Test
  void tenantsNeverSeeEachOthersTasks() throws Exception {
    String taskId = startSupportTask("Can I change my email address?");
    assertThat(http.get("/v1/tasks/" + taskId, OTHER_TENANT_REQUESTER).status()).isEqualTo(404);
    http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
    assertThat(http.awaitListing("/v1/tasks?status=COMPLETED", REQUESTER, taskId).body())
        .contains(taskId);
    assertThat(http.get("/v1/tasks", OTHER_TENANT_REQUESTER).body()).doesNotContain(taskId);
  }

  @Test
  void ingestsAnUploadedDocumentAndAnswersFromIt() throws Exception {
    var upload =
        http.post(
            "/v1/documents",
            ADMIN,
            """
            {"documentId":"loyalty-program","title":"The Larkspur Loyalty Program",
             "contentType":"text/markdown",
             "content":"# Loyalty program\\n\\nMembers of the Larkspur loyalty program earn one point for every dollar spent. Five hundred points can be exchanged for a twenty dollar voucher at checkout."}\
            """);
    assertThat(upload.status()).isEqualTo(202);
    awaitDocumentIndexed("loyalty-program");

    String taskId = startSupportTask("How many loyalty points do I need for a voucher?");
    JsonNode task = http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
    assertThat(texts(task.path("output").path("citations"), null))
        .anyMatch(c -> c.contains("loyalty-program"));
    assertThat(task.path("output").path("answer").asString()).contains("Five hundred points");
  }

  private void awaitDocumentIndexed(String documentId) throws InterruptedException {
    for (int i = 0; i < 150; i++) {
      var status = http.get("/v1/documents/" + documentId, ADMIN);
      if (status.status() == 200 && "INDEXED".equals(status.json().path("state").asString())) {
        assertThat(status.json().path("chunksIndexed").asInt()).isPositive();
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("document " + documentId + " was not indexed");
  }

  private static String startSupportTask(String question) {
    var reply =
        http.post(
            "/v1/tasks",
            REQUESTER,
            "{\"type\":\"support-answer\",\"input\":{\"question\":\"" + question + "\"}}");
    assertThat(reply.status()).isEqualTo(202);
    return reply.json().path("taskId").asString();
  }

  private static String startRefund(double amount) {
    var reply =
        http.post(
            "/v1/tasks",
            REQUESTER,
            """
            {"type":"refund-decision","input":{"orderId":"LG-%08d","orderTotal":%s,
             "requestedAmount":%s,"reason":"The kettle arrived with a cracked lid",
             "daysSinceDelivery":3,"itemCondition":"damaged"}}\
            """
                .formatted((long) (Math.random() * 1e8), amount, amount));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    return reply.json().path("taskId").asString();
  }

  private static void assertProblem(StewardHttp.Reply reply, int status, String detailContains) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonNode problem = reply.json();
    assertThat(problem.path("type").asString()).isNotBlank();
    assertThat(problem.path("detail").asString()).isNotBlank();
    if (detailContains != null) {
      assertThat(reply.body()).contains(detailContains);
    }
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(field == null ? n.asString() : n.path(field).asString());
    }
    return out;
  }
}
