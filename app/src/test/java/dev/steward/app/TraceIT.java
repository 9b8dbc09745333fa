package dev.steward.app;

import static dev.steward.app.StewardHttp.ADMIN;
import static dev.steward.app.StewardHttp.APPROVER;
import static dev.steward.app.StewardHttp.OTHER_TENANT_REQUESTER;
import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.steward.store.trace.TraceDocument;
import dev.steward.store.trace.TraceIndexNames;
import dev.steward.store.trace.TraceRetention;
import dev.steward.store.trace.TraceStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Step traces on the real embedded stack: tasks run through the real workflow, their traces land in
 * the real Elasticsearch node, and are read, searched, given feedback and aged out over HTTP.
 */
class TraceIT {

  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(90);
  private static final String EMAIL = "jane.doe@example.com";

  private static EmbeddedSteward steward;
  private static StewardHttp http;

  @BeforeAll
  static void start() throws Exception {
    steward =
        EmbeddedSteward.start(
            Files.createTempDirectory("steward-trace-it"),
            Map.of("server.port", 0, "steward.traces.retention-check-interval", "1s"));
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
  void aSupportAnswersTraceListsItsStepsInOrderWithModelTokensAndVerdicts() throws Exception {
    String taskId = startSupportAnswer("How many days after I return an item do I get my refund?");
    http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);

    JsonNode steps = awaitTrace(taskId, s -> indexOf(s, "ValidateOutput") >= 0);

    List<String> names = names(steps);
    assertThat(indexOf(steps, "ScreenInput")).isZero();
    assertThat(indexOf(steps, "ScreenInput"))
        .isLessThan(indexOf(steps, "ClassifyTask"))
        .isLessThan(indexOf(steps, "RetrievePassages"))
        .isLessThan(indexOf(steps, "DraftOutput"))
        .isLessThan(indexOf(steps, "ValidateOutput"));
    assertThat(names).doesNotContain("RecordTaskState");
    Instant previous = Instant.EPOCH;
    for (JsonNode step : steps) {
      Instant at = Instant.parse(step.path("timestamp").asString());
      assertThat(at).isAfterOrEqualTo(previous);
      previous = at;
      assertThat(step.path("taskId").asString()).isEqualTo(taskId);
      assertThat(step.path("tenant").asString()).isEqualTo("acme");
      assertThat(step.path("outcome").asString()).isEqualTo("OK");
      assertThat(step.path("latencyMillis").asLong()).isNotNegative();
    }

    JsonNode draft = steps.get(indexOf(steps, "DraftOutput"));
    assertThat(draft.path("taskType").asString()).isEqualTo("support-answer");
    assertThat(draft.path("provider").asString()).isEqualTo("offline");
    assertThat(draft.path("model").asString()).startsWith("offline");
    assertThat(draft.path("tokensIn").asLong()).isGreaterThan(50);
    assertThat(draft.path("tokensOut").asLong()).isPositive();
    assertThat(draft.path("promptId").asString()).isEqualTo("support-answer");
    assertThat(draft.path("promptVersion").asInt()).isPositive();
    assertThat(draft.path("taskAttempt").asInt()).isEqualTo(1);
    assertThat(draft.path("attempt").asInt()).isEqualTo(1);

    JsonNode validation = steps.get(indexOf(steps, "ValidateOutput"));
    assertThat(validation.path("verdicts").path("valid").asString()).isEqualTo("true");
    assertThat(validation.path("verdicts").path("grounded").asString()).isEqualTo("true");
    assertThat(validation.path("promptId").asString())
        .as("validation counts for the prompt version that drafted")
        .isEqualTo("support-answer");
    JsonNode classification = steps.get(indexOf(steps, "ClassifyTask"));
    assertThat(classification.path("verdicts").path("risk").asString()).isIn("LOW", "HIGH");
  }

  @Test
  void personalDataInTheInputNeverReachesTheTrace() throws Exception {
    String taskId =
        startSupportAnswer(
            "How long do I have to return a damaged parcel? It is the parcel of customer "
                + EMAIL
                + ", phone +44 20 7946 0958.");
    http.awaitTask(taskId, REQUESTER, s -> !s.equals("RUNNING"), TASK_TIMEOUT);

    JsonNode steps = awaitTrace(taskId, s -> indexOf(s, "ScreenInput") >= 0);

    JsonNode screen = steps.get(indexOf(steps, "ScreenInput"));
    assertThat(screen.path("verdicts").path("allowed").asString())
        .as(screen.toString())
        .isEqualTo("true");
    assertThat(screen.path("verdicts").path("piiKinds").asString())
        .as(screen.toString())
        .contains("EMAIL", "PHONE");
    assertThat(steps.toString()).doesNotContain(EMAIL).doesNotContain("7946");
  }

  @Test
  void aRefundsTraceHasTheApproversDecisionAndTheAction() throws Exception {
    String taskId = startRefund(150);
    JsonNode waiting = http.awaitTask(taskId, REQUESTER, "AWAITING_APPROVAL"::equals, TASK_TIMEOUT);
    String actionHash = waiting.path("pendingApproval").path("actionHash").asString();

    var early = http.post("/v1/tasks/" + taskId + "/feedback", REQUESTER, "{\"rating\":4}");
    assertThat(early.status()).as(early.body()).isEqualTo(409);
    assertThat(early.json().path("type").asString()).endsWith("/task-not-finished");

    var decision =
        http.post(
            "/v1/tasks/" + taskId + "/decision",
            APPROVER,
            "{\"verdict\":\"APPROVE\",\"comment\":\"ok, told "
                + EMAIL
                + "\",\"actionHash\":\""
                + actionHash
                + "\"}");
    assertThat(decision.status()).as(decision.body()).isEqualTo(200);
    http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);

    JsonNode steps = awaitTrace(taskId, s -> indexOf(s, "ExecuteAction") >= 0);

    assertThat(indexOf(steps, "ValidateOutput"))
        .isLessThan(indexOf(steps, "Decide"))
        .isLessThan(indexOf(steps, "ExecuteAction"));
    JsonNode decide = steps.get(indexOf(steps, "Decide"));
    assertThat(decide.path("taskType").asString()).isEqualTo("refund-decision");
    assertThat(decide.path("verdicts").path("decision").asString()).isEqualTo("APPROVE");
    assertThat(decide.path("verdicts").path("comment").asString())
        .contains("[EMAIL_1]")
        .doesNotContain(EMAIL);
    JsonNode action = steps.get(indexOf(steps, "ExecuteAction"));
    assertThat(action.path("verdicts").path("firstExecution").asString()).isEqualTo("true");
  }

  @Test
  void searchesTheTenantsTracesByModelVerdictStepPromptAndTime() throws Exception {
    String taskId = startSupportAnswer("Do gift cards expire?");
    http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
    JsonNode steps = awaitTrace(taskId, s -> indexOf(s, "ValidateOutput") >= 0);
    JsonNode draft = steps.get(indexOf(steps, "DraftOutput"));
    String prompt = draft.path("promptId").asString() + "@" + draft.path("promptVersion").asInt();
    String model = draft.path("model").asString();

    JsonNode byModel = search("model=" + encode(model) + "&size=200");
    assertThat(byModel.path("total").asLong()).isPositive();
    for (JsonNode r : byModel.path("records")) {
      assertThat(r.path("model").asString()).isEqualTo(model);
      assertThat(r.path("tenant").asString()).isEqualTo("acme");
    }
    assertThat(taskIds(byModel)).contains(taskId);

    JsonNode valid = search("step=ValidateOutput&verdict=valid:true&size=200");
    assertThat(taskIds(valid)).contains(taskId);
    for (JsonNode r : valid.path("records")) {
      assertThat(r.path("step").asString()).isEqualTo("ValidateOutput");
      assertThat(r.path("verdicts").path("valid").asString()).isEqualTo("true");
    }
    assertThat(taskIds(search("step=ValidateOutput&verdict=valid=false&size=200")))
        .doesNotContain(taskId);

    JsonNode byPrompt = search("prompt=" + encode(prompt) + "&step=DraftOutput&size=200");
    assertThat(taskIds(byPrompt)).contains(taskId);

    Instant now = Instant.now();
    String hourAround =
        "from="
            + encode(now.minus(1, ChronoUnit.HOURS).toString())
            + "&to="
            + encode(now.plus(1, ChronoUnit.MINUTES).toString());
    assertThat(taskIds(search("model=" + encode(model) + "&size=200&" + hourAround)))
        .contains(taskId);
    String later = "from=" + encode(now.plus(1, ChronoUnit.HOURS).toString());
    assertThat(search("model=" + encode(model) + "&" + later).path("total").asLong()).isZero();

    JsonNode paged = search("size=2&page=1");
    assertThat(paged.path("records").size()).isEqualTo(2);
    assertThat(paged.path("page").asInt()).isEqualTo(1);

    for (String bad :
        List.of(
            "size=0",
            "size=201",
            "verdict=valid",
            "from=yesterday",
            "promptVersion=x",
            "prompt=support-answer",
            "outcome=maybe",
            "page=-1",
            "page=100&size=200",
            "from=2025-07-02&to=2025-07-01")) {
      var reply = http.get("/v1/traces?" + bad, ADMIN);
      assertThat(reply.status()).as(bad + ": " + reply.body()).isEqualTo(400);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      assertThat(reply.json().path("type").asString()).endsWith("/invalid-parameter");
    }
    assertThat(http.get("/v1/traces", REQUESTER).status()).isEqualTo(403);
    assertThat(http.get("/v1/tasks/" + taskId + "/trace", REQUESTER).status()).isEqualTo(403);
    assertThat(http.get("/v1/tasks/acme.no-such-task/trace", ADMIN).status()).isEqualTo(404);
  }

  @Test
  void theRequesterRatesAFinishedTaskAndFeedbackIsCountedPerPromptVersion() throws Exception {
    String taskId = startSupportAnswer("Can I return an opened item?");
    http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
    String feedback = "/v1/tasks/" + taskId + "/feedback";

    var given =
        http.post(
            feedback,
            REQUESTER,
            "{\"rating\":5,\"comment\":\"Spot on. Reach me at "
                + EMAIL
                + " or 4111 1111 1111 1111.\"}");
    assertThat(given.status()).as(given.body()).isEqualTo(200);
    assertThat(given.json().path("rating").asInt()).isEqualTo(5);
    assertThat(given.json().path("comment").asString())
        .isEqualTo("Spot on. Reach me at [EMAIL_1] or [CARD_1].");
    String promptId = given.json().path("promptId").asString();
    int promptVersion = given.json().path("promptVersion").asInt();
    assertThat(promptId).isEqualTo("support-answer");
    assertThat(promptVersion).isPositive();

    var otherUser = http.post(feedback, ADMIN, "{\"rating\":1}");
    assertThat(otherUser.status()).as(otherUser.body()).isEqualTo(403);
    var otherTenant = http.post(feedback, OTHER_TENANT_REQUESTER, "{\"rating\":1}");
    assertThat(otherTenant.status()).as(otherTenant.body()).isEqualTo(404);
    for (String bad :
        List.of(
            "{\"rating\":0}",
            "{\"rating\":6}",
            "{}",
            "{\"rating\":3,\"comment\":\"" + "x".repeat(2001) + "\"}")) {
      var reply = http.post(feedback, REQUESTER, bad);
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    JsonNode steps = awaitTrace(taskId, s -> indexOf(s, TraceDocument.FEEDBACK) >= 0);
    JsonNode record = steps.get(indexOf(steps, TraceDocument.FEEDBACK));
    assertThat(record.path("rating").asInt()).isEqualTo(5);
    assertThat(record.path("promptVersion").asInt()).isEqualTo(promptVersion);
    assertThat(steps.toString()).doesNotContain(EMAIL).doesNotContain("4111");
    assertThat(summaryFor(promptId, promptVersion).path("count").asLong()).isEqualTo(1);
    assertThat(summaryFor(promptId, promptVersion).path("meanRating").asDouble()).isEqualTo(5.0);

    // Feedback given again replaces the first: still one rating for the task.
    assertThat(http.post(feedback, REQUESTER, "{\"rating\":2}").status()).isEqualTo(200);
    JsonNode summary = summaryFor(promptId, promptVersion);
    assertThat(summary.path("count").asLong()).isEqualTo(1);
    assertThat(summary.path("meanRating").asDouble()).isEqualTo(2.0);
    assertThat(taskIds(search("kind=feedback&verdict=rating=2"))).containsExactly(taskId);
  }

  @Test
  void indicesPastRetentionAreDeletedOnScheduleAndRecentOnesKept() throws Exception {
    TraceStore store = steward.context().getBean(TraceStore.class);
    ElasticsearchClient client = steward.context().getBean(ElasticsearchClient.class);
    Instant old = Instant.parse("2000-01-15T12:00:00Z");
    List<TraceDocument> written = new ArrayList<>();
    for (Instant at : List.of(old, Instant.now())) {
      written.add(
          new TraceDocument(
              "retention-" + at.toEpochMilli(),
              TraceDocument.STEP,
              "acme.retention",
              "run",
              "acme",
              "support-answer",
              "ScreenInput",
              1,
              null,
              null,
              null,
              null,
              null,
              null,
              0,
              0,
              0,
              1,
              Map.of(),
              List.of(),
              "OK",
              null,
              null,
              null,
              at));
    }
    TraceRetention retention = steward.context().getBean(TraceRetention.class);
    String oldIndex = TraceIndexNames.forInstant(old);
    String todayIndex = TraceIndexNames.forInstant(Instant.now());
    // Paused while the old index is made and seen, so that a run cannot delete it first.
    retention.stop();
    try {
      assertThat(store.write(written)).isEmpty();
      assertThat(client.indices().exists(e -> e.index(oldIndex)).value()).isTrue();
    } finally {
      retention.start();
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (client.indices().exists(e -> e.index(oldIndex)).value()
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }

    assertThat(client.indices().exists(e -> e.index(oldIndex)).value())
        .as("deleted by the scheduled retention run")
        .isFalse();
    assertThat(client.indices().exists(e -> e.index(todayIndex)).value()).isTrue();
  }

  private static String startSupportAnswer(String question) {
    var reply =
        http.post(
            "/v1/tasks",
            REQUESTER,
            "{\"type\":\"support-answer\",\"input\":{\"question\":\"" + question + "\"}}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
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

  /** Polls the task's trace until {@code ready}: records are written about a second late. */
  private static JsonNode awaitTrace(String taskId, Predicate<JsonNode> ready)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode steps = null;
    while (System.nanoTime() < deadline) {
      var reply = http.get("/v1/tasks/" + taskId + "/trace", ADMIN);
      assertThat(reply.status()).as(reply.body()).isIn(200, 404);
      if (reply.status() == 200) {
        steps = reply.json().path("steps");
        if (ready.test(steps)) {
          return steps;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("trace of " + taskId + " not complete: " + steps);
  }

  private static JsonNode search(String query) {
    var reply = http.get("/v1/traces?" + query, ADMIN);
    assertThat(reply.status()).as(query + ": " + reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static JsonNode summaryFor(String promptId, int version) {
    var reply = http.get("/v1/traces/feedback-summary?promptId=" + promptId, ADMIN);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    for (JsonNode p : reply.json().path("prompts")) {
      if (p.path("promptVersion").asInt() == version) {
        return p;
      }
    }
    throw new AssertionError("no feedback for " + promptId + "@" + version + ": " + reply.body());
  }

  private static int indexOf(JsonNode steps, String step) {
    for (int i = 0; i < steps.size(); i++) {
      if (step.equals(steps.get(i).path("step").asString())) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> names(JsonNode steps) {
    List<String> names = new ArrayList<>();
    steps.forEach(s -> names.add(s.path("step").asString()));
    return names;
  }

  private static List<String> taskIds(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("records").forEach(r -> ids.add(r.path("taskId").asString()));
    return ids;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
