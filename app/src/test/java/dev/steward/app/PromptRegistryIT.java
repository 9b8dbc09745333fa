package dev.steward.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.steward.app.StewardHttp.ADMIN;
import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.steward.activities.prompt.CanarySplit;
import dev.steward.api.document.DocumentIngestion;
import dev.steward.api.document.DocumentUpload;
import dev.steward.store.prompt.PromptConflictException;
import dev.steward.store.prompt.PromptLabel;
import dev.steward.store.prompt.PromptRegistry;
import dev.steward.store.prompt.PromptRegistry.PromptSeed;
import dev.steward.store.prompt.PromptVersion;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.StewardSearchAttributes;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prompt registry on the embedded stack, with a local server speaking OpenAI's chat completions
 * as the model, so that the prompt each draft really sent can be read back: a canary takes its
 * share of new tasks by task id, a rollback sends new tasks back to the old version while a task
 * pinned before it keeps its own, and versions never change once stored.
 */
class PromptRegistryIT {

  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);
  private static final String COMPLETIONS = "/v1/chat/completions";
  private static final String PROMPT = "support-answer";
  private static final String PROMPTS = "/v1/admin/prompts/";

  /** Only version 2's system template says this, so a request shows which version rendered it. */
  private static final String V2_MARKER = "[support-answer v2 under test]";

  private static final String SENTENCE =
      "Members of the Larkspur loyalty program earn one point for every dollar spent.";
  private static final String CLASSIFICATION =
      "{\"complexity\":\"simple\",\"risk\":\"low\",\"rationale\":\"One policy settles it.\"}";

  /** The slow task's first draft arrives after this, leaving time to roll the canary back. */
  private static final int SLOW_DRAFT_MILLIS = 3_000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static WireMockServer provider;
  private static EmbeddedSteward steward;
  private static StewardHttp http;
  private static HttpClient puts;
  private static String chunkId;
  private static String bundledSystem;

  @BeforeAll
  static void start() throws Exception {
    provider = new WireMockServer(options().dynamicPort());
    provider.start();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", 0);
    properties.put("steward.demo-corpus.enabled", false);
    properties.put("steward.models.providers.stub.type", "openai-compatible");
    properties.put("steward.models.providers.stub.base-url", provider.baseUrl() + "/v1");
    properties.put("steward.models.providers.stub.timeout", "10s");
    properties.put("steward.models.tiers.small[0]", "stub/stub-model");
    properties.put("steward.models.tiers.strong[0]", "stub/stub-model");
    properties.put("steward.models.prices[0].model", "stub-model");
    properties.put("steward.models.prices[0].input-per-million", "0.15");
    properties.put("steward.models.prices[0].output-per-million", "0.60");
    steward =
        EmbeddedSteward.start(Files.createTempDirectory("steward-prompts"), Map.copyOf(properties));
    http = new StewardHttp(steward.port());
    puts = HttpClient.newHttpClient();
    http.awaitHealthy(Duration.ofSeconds(120));

    steward
        .context()
        .getBean(DocumentIngestion.class)
        .ingest(
            "acme",
            new DocumentUpload(
                "loyalty",
                "The Larkspur Loyalty Program",
                "text/plain",
                SENTENCE + " Five hundred points can be exchanged for a twenty dollar voucher."));
    new IngestionHttp(steward.port()).awaitIndexed("loyalty", 0);
    var search = http.get("/v1/search?q=loyalty+points&k=1", ADMIN);
    chunkId = search.json().path("passages").get(0).path("chunkId").asString();
    stubTheModel();

    bundledSystem = steward.context().getBean(TaskTypeRegistry.class).get(PROMPT).prompt().system();
    // Version 2: the bundled text under a marker, so that drafts still answer as before.
    var created =
        http.post(
            PROMPTS + PROMPT + "/versions",
            ADMIN,
            JSON.writeValueAsString(
                Map.of(
                    "system",
                    V2_MARKER + "\n" + bundledSystem,
                    "user",
                    "Passages:\n{{passages}}\n\nQuestion: {{question}}",
                    "note",
                    "canary under test")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("version").asInt()).isEqualTo(2);
    assertThat(created.location()).endsWith(PROMPTS + PROMPT + "/versions/2");
  }

  @AfterAll
  static void stop() {
    try {
      if (steward != null) {
        steward.close();
      }
    } finally {
      provider.stop();
    }
  }

  @Test
  void aCanaryTakesTheNewTasksWhoseIdFallsInItsShare() throws Exception {
    var moved = put(PROMPTS + PROMPT + "/labels/canary", "{\"version\":2,\"percent\":50}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);

    // Task ids acme.canary-0 .. -11: by the SHA-256 buckets six fall below 50 and six above.
    List<String> taskIds = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      taskIds.add(startTask("canary-" + i, "How many loyalty points do I earn, case " + i + "?"));
    }
    int onCanary = 0;
    for (int i = 0; i < taskIds.size(); i++) {
      String taskId = taskIds.get(i);
      boolean canary = CanarySplit.bucket(taskId) < 50;
      onCanary += canary ? 1 : 0;
      JsonNode task = http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);

      assertThat(task.path("prompt").path("id").asString()).isEqualTo(PROMPT);
      assertThat(task.path("prompt").path("version").asInt()).as(taskId).isEqualTo(canary ? 2 : 1);
      assertThat(task.path("prompt").path("label").asString())
          .isEqualTo(canary ? "canary" : "production");
      assertThat(searchAttributePrompt(taskId)).isEqualTo(PROMPT + "@" + (canary ? 2 : 1));
      List<String> systems = draftSystemPrompts("case " + i + "?");
      assertThat(systems).as(taskId).hasSize(1);
      if (canary) {
        assertThat(systems.getFirst()).startsWith(V2_MARKER);
      } else {
        // The gateway appends its JSON instruction to whichever system prompt it is given.
        assertThat(systems.getFirst()).startsWith(bundledSystem).doesNotContain(V2_MARKER);
      }
    }
    assertThat(onCanary).isEqualTo(6);
  }

  @Test
  void aRollbackSendsNewTasksBackWhileAPinnedTaskKeepsItsVersion() throws Exception {
    assertThat(put(PROMPTS + PROMPT + "/labels/canary", "{\"version\":2,\"percent\":100}").status())
        .isEqualTo(200);
    String pinned = startTask("rollback-pinned", "SLOWCASE: how many points per dollar?");
    JsonNode pinnedState = awaitPinned(pinned);
    assertThat(pinnedState.path("prompt").path("version").asInt()).isEqualTo(2);

    // The rollback, while the pinned task waits for its first draft.
    var rollback =
        put(
            PROMPTS + PROMPT + "/labels/canary",
            "{\"version\":2,\"percent\":0,\"note\":\"rollback under test\"}");
    assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
    assertThat(rollback.json().path("percent").asInt()).isZero();

    String after = startTask("rollback-after", "How many points per dollar, after rollback?");
    JsonNode afterTask = http.awaitTask(after, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
    assertThat(afterTask.path("prompt").path("version").asInt()).isEqualTo(1);
    assertThat(afterTask.path("prompt").path("label").asString()).isEqualTo("production");
    assertThat(draftSystemPrompts("after rollback?"))
        .singleElement()
        .satisfies(
            system -> assertThat(system).startsWith(bundledSystem).doesNotContain(V2_MARKER));

    JsonNode pinnedTask = http.awaitTask(pinned, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
    assertThat(pinnedTask.path("prompt").path("version").asInt()).isEqualTo(2);
    assertThat(pinnedTask.path("prompt").path("label").asString()).isEqualTo("canary");
    // Its first draft was refused and repaired after the rollback: both were sent with version 2.
    List<String> pinnedDrafts = draftSystemPrompts("SLOWCASE");
    assertThat(pinnedDrafts).hasSize(2).allMatch(system -> system.startsWith(V2_MARKER));

    JsonNode history = http.get(PROMPTS + PROMPT, ADMIN).json().path("labelHistory").path("canary");
    JsonNode last = history.get(history.size() - 1);
    assertThat(last.path("fromPercent").asInt()).isEqualTo(100);
    assertThat(last.path("percent").asInt()).isZero();
    assertThat(last.path("note").asString()).isEqualTo("rollback under test");
    assertThat(last.path("by").asString()).contains("acme");
  }

  @Test
  void versionsNeverChangeAndSeedingTwiceAddsNothing() throws Exception {
    PromptRegistry registry = steward.context().getBean(PromptRegistry.class);
    PromptVersion v1 = registry.versions().find(PROMPT, 1).orElseThrow();
    assertThat(v1.createdBy()).isEqualTo(PromptVersion.BUNDLED);
    assertThat(v1.system()).isEqualTo(bundledSystem);

    // The API and the worker both seeded at start; a third seed (a restart) adds nothing either.
    TaskTypeDefinition.Prompt bundled =
        steward.context().getBean(TaskTypeRegistry.class).get(PROMPT).prompt();
    PromptLabel production =
        registry.seed(
            new PromptSeed(bundled.id(), bundled.version(), bundled.system(), bundled.user()));
    assertThat(production.version()).isEqualTo(1);
    assertThat(production.history()).hasSize(1);
    assertThat(registry.versions().list(PROMPT).stream().filter(v -> v.version() == 1)).hasSize(1);

    // The same number with other text: versions are immutable, so seeding refuses.
    assertThatThrownBy(() ->
            registry.seed(
                new PromptSeed(PROMPT, 1, bundled.system() + " Changed.", bundled.user())))
        .isInstanceOf(PromptConflictException.class)
        .hasMessageContaining("support-answer@1")
        .hasMessageContaining("new version number");

    // A new version through the API leaves every older one as it was.
    JsonNode before = http.get(PROMPTS + PROMPT + "/versions/1", ADMIN).json();
    var v3 =
        http.post(
            PROMPTS + PROMPT + "/versions",
            ADMIN,
            "{\"system\":\"Third.\",\"user\":\"{{question}}\",\"note\":\"immutability\"}");
    assertThat(v3.status()).as(v3.body()).isEqualTo(201);
    assertThat(v3.json().path("version").asInt()).isGreaterThan(2);
    assertThat(http.get(PROMPTS + PROMPT + "/versions/1", ADMIN).json()).isEqualTo(before);
    assertThat(registry.versions().find(PROMPT, 1).orElseThrow()).isEqualTo(v1);
  }

  @Test
  void processesSeedingAtOnceStoreOneVersionAndOneLabel() throws Exception {
    PromptRegistry registry = steward.context().getBean(PromptRegistry.class);
    PromptSeed seed = new PromptSeed("it-seeded-at-once", 1, "System.", "{{question}}");

    List<PromptLabel> labels = runAtOnce(8, () -> registry.seed(seed));

    assertThat(labels).allMatch(l -> l.version() == 1 && l.history().size() == 1);
    assertThat(registry.versions().list("it-seeded-at-once")).hasSize(1);
    assertThat(registry.labels().list("it-seeded-at-once"))
        .extracting(PromptLabel::name)
        .containsExactly(PromptLabel.PRODUCTION);
  }

  @Test
  void versionsCreatedAtOnceGetDistinctNumbers() throws Exception {
    PromptRegistry registry = steward.context().getBean(PromptRegistry.class);

    List<PromptVersion> created =
        runAtOnce(
            6,
            () ->
                registry
                    .versions()
                    .createNext(
                        "it-created-at-once",
                        "System.",
                        "{{question}}",
                        null,
                        "test",
                        java.time.Instant.now()));

    assertThat(created)
        .extracting(PromptVersion::version)
        .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
  }

  @Test
  void refusesWhatTheRegistryCannotTake() throws Exception {
    var unknownVariable =
        http.post(
            PROMPTS + PROMPT + "/versions",
            ADMIN,
            "{\"system\":\"For {{tenantName}}.\",\"user\":\"{{question}}\"}");
    assertThat(unknownVariable.status()).isEqualTo(400);
    assertThat(unknownVariable.contentType()).startsWith("application/problem+json");
    assertThat(unknownVariable.json().path("unknownVariables").get(0).asString())
        .isEqualTo("tenantName");

    var missingVersion = put(PROMPTS + PROMPT + "/labels/production", "{\"version\":999}");
    assertThat(missingVersion.status()).isEqualTo(400);
    assertThat(missingVersion.json().path("detail").asString()).contains("no version 999");

    var percentOnProduction =
        put(PROMPTS + PROMPT + "/labels/production", "{\"version\":1,\"percent\":10}");
    assertThat(percentOnProduction.status()).isEqualTo(400);

    var overOneHundred =
        put(PROMPTS + PROMPT + "/labels/canary", "{\"version\":2,\"percent\":101}");
    assertThat(overOneHundred.status()).isEqualTo(400);

    assertThat(http.get(PROMPTS + "no-such-prompt", ADMIN).status()).isEqualTo(404);
    assertThat(http.get(PROMPTS + PROMPT + "/versions/999", ADMIN).status()).isEqualTo(404);
    assertThat(
            http.post(
                    PROMPTS + "no-such-prompt/versions", ADMIN, "{\"system\":\"a\",\"user\":\"b\"}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void listsPromptsWithTheirLabelsForEngineersToo() throws Exception {
    var list = http.get("/v1/admin/prompts", "demo-engineer-key");
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    JsonNode support = null;
    for (JsonNode p : list.json().path("prompts")) {
      if (p.path("id").asString().equals(PROMPT)) {
        support = p;
      }
    }
    assertThat(support).isNotNull();
    assertThat(support.path("taskTypes").get(0).asString()).isEqualTo(PROMPT);
    assertThat(support.path("latestVersion").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(support.path("labels").path("production").path("version").asInt()).isEqualTo(1);
  }

  // --- helpers ---

  private static String startTask(String idempotencyKey, String question) {
    var reply =
        http.post(
            "/v1/tasks",
            REQUESTER,
            JSON.writeValueAsString(Map.of("type", PROMPT, "input", Map.of("question", question))),
            idempotencyKey);
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    return reply.json().path("taskId").asString();
  }

  /** Polls the task until it has resolved its prompt. */
  private static JsonNode awaitPinned(String taskId) throws InterruptedException {
    long deadline = System.nanoTime() + TASK_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      var reply = http.get("/v1/tasks/" + taskId, REQUESTER);
      if (reply.status() == 200
          && !reply.json().path("prompt").isNull()
          && reply.json().path("prompt").isObject()) {
        return reply.json();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("task " + taskId + " never resolved its prompt");
  }

  private static String searchAttributePrompt(String taskId) {
    return steward
        .context()
        .getBean(WorkflowClient.class)
        .newUntypedWorkflowStub(taskId)
        .describe()
        .getTypedSearchAttributes()
        .get(StewardSearchAttributes.PROMPT);
  }

  /** The system prompts of the drafts the model received for the question containing {@code q}. */
  private static List<String> draftSystemPrompts(String q) {
    List<String> systems = new ArrayList<>();
    for (ServeEvent event : provider.getAllServeEvents()) {
      JsonNode messages = JSON.readTree(event.getRequest().getBodyAsString()).path("messages");
      String system = messages.path(0).path("content").asString();
      String user = messages.path(1).path("content").asString();
      if (!system.contains("You triage") && user.contains(q)) {
        systems.add(system);
      }
    }
    return systems;
  }

  private static StewardHttp.Reply put(String path, String json) throws Exception {
    HttpResponse<String> r =
        puts.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + steward.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", ADMIN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new StewardHttp.Reply(
        r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), null);
  }

  private static <T> List<T> runAtOnce(int callers, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<Future<T>> futures =
          IntStream.range(0, callers)
              .mapToObj(i ->
                  pool.submit(() -> {
                    go.await();
                    return call.call();
                  }))
              .toList();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  // --- the model's side ---

  /**
   * Classification answers at once; drafts answer with the loyalty sentence, except the first draft
   * of a SLOWCASE question, which comes late and without citations, so it is repaired.
   */
  private static void stubTheModel() {
    String answer =
        JSON.writeValueAsString(Map.of("answer", SENTENCE, "citations", List.of(chunkId)));
    String uncited = JSON.writeValueAsString(Map.of("answer", SENTENCE, "citations", List.of()));
    provider.stubFor(
        post(urlPathEqualTo(COMPLETIONS))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.messages[0].content", containing("You triage")))
            .willReturn(completion(CLASSIFICATION)));
    provider.stubFor(
        post(urlPathEqualTo(COMPLETIONS))
            .atPriority(2)
            .withRequestBody(matchingJsonPath("$.messages[1].content", containing("SLOWCASE")))
            .withRequestBody(
                matchingJsonPath(
                    "$.messages[1].content", containing("previous reply was rejected")))
            .willReturn(completion(answer)));
    provider.stubFor(
        post(urlPathEqualTo(COMPLETIONS))
            .atPriority(3)
            .withRequestBody(matchingJsonPath("$.messages[1].content", containing("SLOWCASE")))
            .willReturn(completion(uncited).withFixedDelay(SLOW_DRAFT_MILLIS)));
    provider.stubFor(
        post(urlPathEqualTo(COMPLETIONS)).atPriority(5).willReturn(completion(answer)));
  }

  private static ResponseDefinitionBuilder completion(String content) {
    Map<String, Object> body =
        Map.of(
            "id",
            "chatcmpl-1",
            "object",
            "chat.completion",
            "created",
            1_760_000_000,
            "model",
            "stub-model",
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
            Map.of("prompt_tokens", 100, "completion_tokens", 20, "total_tokens", 120));
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(JSON.writeValueAsString(body));
  }
}
