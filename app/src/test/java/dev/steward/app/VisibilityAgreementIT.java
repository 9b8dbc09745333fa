package dev.steward.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.steward.app.StewardHttp.APPROVER;
import static dev.steward.app.StewardHttp.OTHER_TENANT_REQUESTER;
import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.steward.api.document.DocumentIngestion;
import dev.steward.api.document.DocumentUpload;
import dev.steward.store.document.DocumentStore;
import dev.steward.temporalserver.TemporalDevServer;
import dev.steward.workflows.task.StewardSearchAttributes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The task read model behind {@code GET /v1/tasks} and the Temporal server's visibility tell the
 * same story. A mixed run on the real dev server leaves tasks running, waiting for approval,
 * approved, rejected and failed (in two tenants); then, for each task, the Steward search
 * attributes found by visibility queries match what the API says, and a query on them through the
 * {@code temporal} CLI finds exactly the tasks the read model lists as waiting.
 *
 * <p>The model provider is a local server speaking OpenAI's chat completions: it answers refunds
 * with a decision that needs an approver, answers one refund's request with 401 (a rejected key
 * fails the task at once), and support answers go to a provider that accepts connections and never
 * answers, so that task stays running.
 */
class VisibilityAgreementIT {

  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration AGREEMENT_TIMEOUT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COMPLETIONS = "/v1/chat/completions";
  private static final String FAIL_MARKER = "FAIL-7731";
  private static final String POLICY =
      "A damaged item is refunded in full when reported within 30 days of delivery.";
  private static final String CLASSIFICATION =
      "{\"complexity\":\"simple\",\"risk\":\"low\",\"rationale\":\"One policy settles it.\"}";

  private static WireMockServer provider;
  private static SilentProvider silent;
  private static EmbeddedSteward steward;
  private static StewardHttp http;
  private static WorkflowClient temporal;

  /** Task id to the status the mixed run leaves it in. */
  private static final Map<String, String> expected = new LinkedHashMap<>();

  private static String waiting;
  private static String otherTenantWaiting;

  @BeforeAll
  static void mixedRun() throws Exception {
    provider = new WireMockServer(options().dynamicPort());
    provider.start();
    silent = new SilentProvider();
    steward =
        EmbeddedSteward.start(
            Files.createTempDirectory("steward-visibility-it"),
            TemporalSetup.devServerOnFreePorts(),
            modelProperties());
    http = new StewardHttp(steward.port());
    http.awaitHealthy(Duration.ofSeconds(120));
    temporal = steward.context().getBean(WorkflowClient.class);
    String acmeChunk = ingestPolicy("acme");
    String globexChunk = ingestPolicy("globex");
    stubModels(acmeChunk, globexChunk);

    waiting = startRefund(REQUESTER, "the kettle lid cracked in transit");
    String approved = startRefund(REQUESTER, "the teapot handle broke in transit");
    String rejected = startRefund(REQUESTER, "the vase arrived chipped");
    String failed = startRefund(REQUESTER, "the lamp arrived bent " + FAIL_MARKER);
    otherTenantWaiting = startRefund(OTHER_TENANT_REQUESTER, "the mug arrived cracked");
    decide(approved, "APPROVE");
    decide(rejected, "REJECT");
    String running = startSupportAnswer();

    expected.put(running, "RUNNING");
    expected.put(waiting, "AWAITING_APPROVAL");
    expected.put(approved, "COMPLETED");
    expected.put(rejected, "REJECTED");
    expected.put(failed, "FAILED");
    expected.put(otherTenantWaiting, "AWAITING_APPROVAL");
    for (var task : expected.entrySet()) {
      await(
          "task " + task.getKey() + " to be " + task.getValue(),
          TASK_TIMEOUT,
          () -> {
            String status = detail(task.getKey()).path("status").asString();
            return task.getValue().equals(status) ? null : "it is " + status;
          });
    }
  }

  @AfterAll
  static void stop() {
    try {
      // First, so that the call the silent provider holds fails now rather than at its timeout.
      if (silent != null) {
        silent.close();
      }
      if (provider != null) {
        provider.stop();
      }
    } finally {
      if (steward != null) {
        steward.close();
      }
    }
  }

  @Test
  void eachTasksSearchAttributesAgreeWithTheApi() throws Exception {
    for (String taskId : expected.keySet()) {
      await(
          "the visibility record of " + taskId + " to agree with GET /v1/tasks/" + taskId,
          AGREEMENT_TIMEOUT,
          () -> disagreement(taskId, detail(taskId)));
    }
    JsonNode failed = detail(expectedWith("FAILED")[0]);
    assertThat(failed.path("reason").asString()).contains("HTTP 401");
    JsonNode running = detail(expectedWith("RUNNING")[0]);
    assertThat(running.path("currentStep").asString()).isEqualTo("CLASSIFY_TASK");
  }

  @Test
  void visibilityQueriesOnStewardAttributesFindWhatTheReadModelLists() throws Exception {
    for (String status : new TreeSet<>(expected.values())) {
      for (String key : List.of(REQUESTER, OTHER_TENANT_REQUESTER)) {
        String tenant = key.equals(REQUESTER) ? "acme" : "globex";
        String query = "StewardTenant = '%s' AND StewardStatus = '%s'".formatted(tenant, status);
        await(
            query + " to find what GET /v1/tasks?status=" + status + " lists for " + tenant,
            AGREEMENT_TIMEOUT,
            () -> {
              Set<String> visible = visibleIds(query);
              Set<String> listed = listedIds(key, status);
              return visible.equals(listed) ? null : "visibility " + visible + ", listed " + listed;
            });
        Set<String> expectedIds =
            expected.entrySet().stream()
                .filter(e -> e.getValue().equals(status) && e.getKey().startsWith(tenant + "."))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listedIds(key, status)).as(query).isEqualTo(expectedIds);
      }
    }
    // The other attributes filter too: the open approvals of acme's refunds, and spending.
    assertThat(
            visibleIds(
                "StewardTaskType = 'refund-decision' AND StewardAwaitingApproval = true"
                    + " AND StewardTenant = 'acme'"))
        .containsExactly(waiting);
    assertThat(visibleIds("StewardCostUsd > 0 AND StewardModel = 'stub-primary'"))
        .contains(waiting, otherTenantWaiting)
        .doesNotContain(expectedWith("RUNNING"))
        .doesNotContain(expectedWith("FAILED"));
  }

  @Test
  void theTemporalCliFindsTheTasksTheReadModelListsAsWaiting() throws Exception {
    String query = "StewardTenant='acme' AND StewardStatus='AWAITING_APPROVAL'";
    Process cli =
        new ProcessBuilder(
                TemporalDevServer.findCli().orElseThrow().toString(),
                "workflow",
                "list",
                "--address",
                steward.temporalTarget().orElseThrow(),
                "--namespace",
                "default",
                "--query",
                query,
                "--output",
                "json")
            .redirectErrorStream(true)
            .start();
    String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.exitValue()).as(output).isZero();

    Set<String> found = new TreeSet<>();
    JSON.readTree(output)
        .forEach(e -> found.add(e.path("execution").path("workflowId").asString()));
    assertThat(found).isEqualTo(listedIds(REQUESTER, "AWAITING_APPROVAL")).containsExactly(waiting);
  }

  @Test
  void theListedRecordsAgreeWithVisibilityOnWhatTheyRecord() throws Exception {
    for (var task : expected.entrySet()) {
      String taskId = task.getKey();
      String key = taskId.startsWith("acme.") ? REQUESTER : OTHER_TENANT_REQUESTER;
      // A running task's record is written when its status changes, so only its status, type
      // and tenant are current; a waiting or finished task's record has its usage as well.
      boolean withUsage = !task.getValue().equals("RUNNING");
      await(
          "the listed record of " + taskId + " to agree with visibility",
          AGREEMENT_TIMEOUT,
          () -> {
            JsonNode listed = listed(key, taskId);
            if (listed == null) {
              return taskId + " is not listed yet";
            }
            List<String> differences = disagreement(taskId, listed, withUsage);
            return differences.isEmpty() ? null : String.join("; ", differences);
          });
    }
  }

  /** What differs between the server's visibility record of a task and the API's view of it. */
  private static String disagreement(String taskId, JsonNode task) {
    List<String> differences = disagreement(taskId, task, true);
    return differences.isEmpty() ? null : String.join("; ", differences);
  }

  private static List<String> disagreement(String taskId, JsonNode task, boolean withUsage) {
    WorkflowExecutionMetadata visible = visibility(taskId).orElse(null);
    if (visible == null) {
      return List.of(taskId + " is not visible yet");
    }
    List<String> differences = new ArrayList<>();
    SearchAttributes attributes = visible.getTypedSearchAttributes();
    String status = task.path("status").asString();
    compare(differences, "status", attributes.get(StewardSearchAttributes.STATUS), status);
    compare(
        differences,
        "tenant",
        attributes.get(StewardSearchAttributes.TENANT),
        task.path("tenant").asString());
    compare(
        differences,
        "task type",
        attributes.get(StewardSearchAttributes.TASK_TYPE),
        task.path("taskType").asString());
    boolean open = status.equals("RUNNING") || status.equals("AWAITING_APPROVAL");
    compare(
        differences,
        "execution status",
        visible.getStatus(),
        open
            ? WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
            : WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    if (!withUsage) {
      return differences;
    }
    compare(
        differences,
        "step",
        attributes.get(StewardSearchAttributes.STEP),
        task.path("currentStep").asString());
    compare(
        differences,
        "awaiting approval",
        attributes.get(StewardSearchAttributes.AWAITING_APPROVAL),
        !task.path("pendingApproval").isNull());
    JsonNode calls = task.path("usage").path("calls");
    String lastModel =
        calls.isEmpty() ? null : calls.get(calls.size() - 1).path("model").asString();
    compare(differences, "model", attributes.get(StewardSearchAttributes.MODEL), lastModel);
    double cost = 0;
    for (JsonNode call : calls) {
      cost += call.path("costUsd").asDouble();
    }
    Double visibleCost = attributes.get(StewardSearchAttributes.COST_USD);
    if (Math.abs((visibleCost == null ? 0 : visibleCost) - cost) > 1e-9) {
      differences.add("cost: visibility " + visibleCost + ", API " + cost);
    }
    return differences;
  }

  private static void compare(List<String> differences, String what, Object visible, Object api) {
    if (!Objects.equals(visible, api)) {
      differences.add(what + ": visibility " + visible + ", API " + api);
    }
  }

  // --- the mixed run ---

  private static Map<String, Object> modelProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", 0);
    properties.put("steward.demo-corpus.enabled", false);
    properties.put("steward.models.providers.stub.type", "openai-compatible");
    properties.put("steward.models.providers.stub.base-url", provider.baseUrl() + "/v1");
    properties.put("steward.models.providers.stub.timeout", "10s");
    properties.put("steward.models.providers.silent.type", "openai-compatible");
    properties.put("steward.models.providers.silent.base-url", silent.baseUrl());
    // Below the classify step's 30 s timeout: each attempt ends on its own, and retries follow.
    properties.put("steward.models.providers.silent.timeout", "25s");
    properties.put("steward.models.tiers.small[0]", "stub/stub-primary");
    properties.put("steward.models.tiers.strong[0]", "stub/stub-primary");
    properties.put(
        "steward.models.task-types.support-answer.tiers.small[0]", "silent/silent-model");
    properties.put(
        "steward.models.task-types.support-answer.tiers.strong[0]", "silent/silent-model");
    properties.put("steward.models.prices[0].model", "stub-primary");
    properties.put("steward.models.prices[0].input-per-million", "0.15");
    properties.put("steward.models.prices[0].output-per-million", "0.60");
    return properties;
  }

  /** Ingests the policy into {@code tenant} and returns the id of its chunk. */
  private static String ingestPolicy(String tenant) throws InterruptedException {
    steward
        .context()
        .getBean(DocumentIngestion.class)
        .ingest(tenant, new DocumentUpload("damage-policy", "Damage policy", "text/plain", POLICY));
    DocumentStore documents = steward.context().getBean(DocumentStore.class);
    await(
        "the policy of " + tenant + " to be indexed",
        TASK_TIMEOUT,
        () ->
            documents
                    .status(tenant, "damage-policy")
                    .map(s -> "INDEXED".equals(s.state()))
                    .orElse(false)
                ? null
                : "not indexed yet");
    var search = http.get("/v1/search?q=damaged+item+refund&k=1", StewardHttp.ADMIN);
    assertThat(search.status()).as(search.body()).isEqualTo(200);
    String acmeChunk = search.json().path("passages").get(0).path("chunkId").asString();
    // Chunk ids are "<tenant>:<document>#<position>", the same positions in both tenants.
    return tenant + acmeChunk.substring(acmeChunk.indexOf(':'));
  }

  private static void stubModels(String acmeChunk, String globexChunk) {
    provider.stubFor(
        completions()
            .withRequestBody(matchingJsonPath("$.messages[0].content", containing("You triage")))
            .willReturn(completion(CLASSIFICATION, 321, 17)));
    for (String chunk : List.of(acmeChunk, globexChunk)) {
      String decision =
          JSON.writeValueAsString(
              Map.of(
                  "decision",
                  "refund",
                  "refundAmount",
                  150,
                  "rationale",
                  "A damaged item is refunded in full within 30 days of delivery.",
                  "citations",
                  List.of(chunk)));
      provider.stubFor(
          completions()
              .withRequestBody(
                  matchingJsonPath("$.messages[0].content", containing("You decide refund")))
              .withRequestBody(matchingJsonPath("$.messages[1].content", containing(chunk)))
              .willReturn(completion(decision, 1234, 56)));
    }
    // A rejected key for this one request: the task fails at once with the provider's reason.
    provider.stubFor(
        completions()
            .atPriority(1)
            .withRequestBody(containing(FAIL_MARKER))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Incorrect API key provided\","
                            + "\"type\":\"invalid_request_error\"}}")));
  }

  private static MappingBuilder completions() {
    return post(urlPathEqualTo(COMPLETIONS))
        .withRequestBody(matchingJsonPath("$.model", equalTo("stub-primary")));
  }

  private static ResponseDefinitionBuilder completion(String content, int prompt, int completion) {
    Map<String, Object> body =
        Map.of(
            "id",
            "chatcmpl-1",
            "object",
            "chat.completion",
            "created",
            1_760_000_000,
            "model",
            "stub-primary",
            "choices",
            List.of(
                Map.of(
                    "index",
                    0,
                    "message",
                    Map.of("role", "assistant", "content", content),
                    "finish_reason",
                    "stop")),
            "usage",
            Map.of(
                "prompt_tokens",
                prompt,
                "completion_tokens",
                completion,
                "total_tokens",
                prompt + completion));
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(JSON.writeValueAsString(body));
  }

  private static String startRefund(String key, String reason) {
    var reply =
        http.post(
            "/v1/tasks",
            key,
            JSON.writeValueAsString(
                Map.of(
                    "type",
                    "refund-decision",
                    "input",
                    Map.of(
                        "orderId",
                        "LG-" + (10_000_000 + (long) (Math.random() * 89_999_999)),
                        "orderTotal",
                        150,
                        "requestedAmount",
                        150,
                        "reason",
                        reason,
                        "daysSinceDelivery",
                        3,
                        "itemCondition",
                        "damaged"))));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    return reply.json().path("taskId").asString();
  }

  private static String startSupportAnswer() {
    var reply =
        http.post(
            "/v1/tasks",
            REQUESTER,
            "{\"type\":\"support-answer\",\"input\":{\"question\":\"Do gift cards expire?\"}}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    return reply.json().path("taskId").asString();
  }

  private static void decide(String taskId, String verdict) throws InterruptedException {
    JsonNode task = http.awaitTask(taskId, REQUESTER, s -> !s.equals("RUNNING"), TASK_TIMEOUT);
    assertThat(task.path("status").asString()).as(task.toString()).isEqualTo("AWAITING_APPROVAL");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("verdict", verdict);
    body.put("comment", verdict.equals("APPROVE") ? "photos checked" : "not covered");
    body.put("actionHash", task.path("pendingApproval").path("actionHash").asString());
    var reply =
        http.post("/v1/tasks/" + taskId + "/decision", APPROVER, JSON.writeValueAsString(body));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  // --- the two sides ---

  private static JsonNode detail(String taskId) {
    String key = taskId.startsWith("acme.") ? REQUESTER : OTHER_TENANT_REQUESTER;
    var reply = http.get("/v1/tasks/" + taskId, key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static JsonNode listed(String key, String taskId) {
    for (JsonNode task : http.get("/v1/tasks?limit=200", key).json().path("tasks")) {
      if (task.path("taskId").asString().equals(taskId)) {
        return task;
      }
    }
    return null;
  }

  private static Set<String> listedIds(String key, String status) {
    Set<String> ids = new TreeSet<>();
    var reply = http.get("/v1/tasks?limit=200&status=" + status, key);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    reply.json().path("tasks").forEach(t -> ids.add(t.path("taskId").asString()));
    return ids;
  }

  /** The task's visibility record; a task id names one run, as tasks never continue as new. */
  private static Optional<WorkflowExecutionMetadata> visibility(String taskId) {
    List<WorkflowExecutionMetadata> found =
        temporal.listExecutions("WorkflowId = '" + taskId + "'").toList();
    assertThat(found.size()).as(taskId).isLessThanOrEqualTo(1);
    return found.stream().findFirst();
  }

  private static Set<String> visibleIds(String query) {
    return temporal
        .listExecutions(query)
        .map(e -> e.getExecution().getWorkflowId())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String[] expectedWith(String status) {
    return expected.entrySet().stream()
        .filter(e -> e.getValue().equals(status))
        .map(Map.Entry::getKey)
        .toArray(String[]::new);
  }

  /**
   * Visibility and the read model both follow the workflow a moment later: polls {@code problem}
   * (null once the condition holds) and fails with the last problem it reported.
   */
  private static void await(String what, Duration timeout, Supplier<String> problem)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = problem.get();
    while (last != null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + ": " + last);
      }
      Thread.sleep(200);
      last = problem.get();
    }
  }

  /**
   * A model provider that accepts connections and never answers: a task calling it stays running
   * for as long as this test needs it to.
   */
  private static final class SilentProvider implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SilentProvider() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try {
                    held.add(socket.accept());
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "silent-model-provider");
      accept.setDaemon(true);
      accept.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    @Override
    public void close() {
      try {
        socket.close();
        for (Socket s : held) {
          s.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
