package dev.steward.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.steward.app.StewardHttp.ADMIN;
import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.steward.api.document.DocumentIngestion;
import dev.steward.api.document.DocumentUpload;
import dev.steward.workflows.task.ModelCall;
import dev.steward.workflows.task.StewardSearchAttributes;
import dev.steward.workflows.task.TaskWorkflow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded stack with a configured model provider: a local server speaking OpenAI's chat
 * completions (plain and streamed) classifies and drafts a support answer, and every call is
 * counted with the tokens the server reported and the cost from the price table. Faults: a model
 * that fails with 500 is replaced by the next of the chain; a rejected key fails the task at once.
 */
class ModelGatewayIT {

  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(30);
  private static final String COMPLETIONS = "/v1/chat/completions";
  private static final String SENTENCE =
      "Members of the Larkspur loyalty program earn one point for every dollar spent.";
  private static final String QUESTION = "How many loyalty points do I earn per dollar?";
  private static final String CLASSIFICATION =
      "{\"complexity\":\"simple\",\"risk\":\"low\",\"rationale\":\"One policy settles it.\"}";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static WireMockServer provider;
  private static EmbeddedSteward steward;
  private static StewardHttp http;
  private static String chunkId;

  @BeforeAll
  static void start() throws Exception {
    provider = new WireMockServer(options().dynamicPort());
    provider.start();
    String baseUrl = provider.baseUrl() + "/v1";
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", 0);
    properties.put("steward.demo-corpus.enabled", false);
    // "stub" answers in one piece, "streamer" in server-sent chunks; both are the same server.
    Map.of("stub", false, "streamer", true)
        .forEach((name, stream) -> {
          String prefix = "steward.models.providers." + name;
          properties.put(prefix + ".type", "openai-compatible");
          properties.put(prefix + ".base-url", baseUrl);
          properties.put(prefix + ".timeout", "5s");
          properties.put(prefix + ".stream", stream);
        });
    properties.put("steward.models.tiers.small[0]", "stub/stub-primary");
    properties.put("steward.models.tiers.small[1]", "streamer/stub-secondary");
    properties.put("steward.models.tiers.strong[0]", "stub/stub-primary");
    properties.put("steward.models.tiers.strong[1]", "streamer/stub-secondary");
    // Refunds have one model only, whose key the server rejects.
    properties.put("steward.models.task-types.refund-decision.tiers.small[0]", "stub/stub-locked");
    properties.put("steward.models.task-types.refund-decision.tiers.strong[0]", "stub/stub-locked");
    properties.put("steward.models.prices[0].model", "stub-primary");
    properties.put("steward.models.prices[0].input-per-million", "0.15");
    properties.put("steward.models.prices[0].output-per-million", "0.60");
    properties.put("steward.models.prices[1].model", "stub-secondary");
    properties.put("steward.models.prices[1].input-per-million", "2.50");
    properties.put("steward.models.prices[1].output-per-million", "10.00");
    steward =
        EmbeddedSteward.start(Files.createTempDirectory("steward-models"), Map.copyOf(properties));
    http = new StewardHttp(steward.port());
    http.awaitHealthy(Duration.ofSeconds(60));

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
    assertThat(search.status()).isEqualTo(200);
    chunkId = search.json().path("passages").get(0).path("chunkId").asString();
    assertThat(chunkId).contains("loyalty");
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

  @BeforeEach
  void resetProvider() {
    provider.resetAll();
  }

  @Test
  void classifiesAndDraftsWithTheConfiguredModelCountingItsTokensAndCost() throws Exception {
    provider.stubFor(
        classifyRequest("stub-primary").willReturn(completion(CLASSIFICATION, 321, 17)));
    provider.stubFor(draftRequest("stub-primary").willReturn(completion(answer(), 1234, 56)));

    String taskId = startSupportTask();
    JsonNode task = http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);

    assertThat(task.path("output").path("answer").asString()).isEqualTo(SENTENCE);
    assertThat(texts(task.path("output").path("citations"))).containsExactly(chunkId);
    // $0.15 and $0.60 per million tokens: 321 × 0.15 + 17 × 0.60 = 58.35 micro-dollars.
    ModelCall classify =
        new ModelCall("ClassifyTask", "stub", "stub-primary", 321, 17, 0.00005835, 0);
    ModelCall draft = new ModelCall("DraftOutput", "stub", "stub-primary", 1234, 56, 0.0002187, 0);
    assertThat(calls(task.path("usage").path("calls"))).containsExactly(classify, draft);

    WorkflowClient temporal = steward.context().getBean(WorkflowClient.class);
    var state = temporal.newWorkflowStub(TaskWorkflow.class, taskId).state();
    assertThat(state.usage().calls().stream().map(ModelGatewayIT::withoutLatency))
        .containsExactly(classify, draft);
    assertThat(
            temporal
                .newUntypedWorkflowStub(taskId)
                .describe()
                .getTypedSearchAttributes()
                .get(StewardSearchAttributes.MODEL))
        .isEqualTo("stub-primary");
    provider.verify(
        postRequestedFor(urlPathEqualTo(COMPLETIONS))
            .withRequestBody(matchingJsonPath("$.messages[1].content", containing(chunkId))));
  }

  @Test
  void aModelFailingWithServerErrorsIsReplacedByTheNextOfTheChain() throws Exception {
    provider.stubFor(
        completions("stub-primary")
            .willReturn(aResponse().withStatus(500).withBody(error("server_error", "Oops"))));
    provider.stubFor(
        classifyRequest("stub-secondary").willReturn(streamedCompletion(CLASSIFICATION, 300, 20)));
    provider.stubFor(
        draftRequest("stub-secondary").willReturn(streamedCompletion(answer(), 1000, 60)));
    double fallbacksBefore = count("stub/stub-primary", "fallback");
    double okBefore = count("streamer/stub-secondary", "ok");

    String taskId = startSupportTask();
    JsonNode task = http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);

    // $2.50 and $10 per million tokens: 300 × 2.50 + 20 × 10 = 950 micro-dollars.
    assertThat(calls(task.path("usage").path("calls")))
        .containsExactly(
            new ModelCall("ClassifyTask", "streamer", "stub-secondary", 300, 20, 0.00095, 0),
            new ModelCall("DraftOutput", "streamer", "stub-secondary", 1000, 60, 0.0031, 0));
    assertThat(count("stub/stub-primary", "fallback") - fallbacksBefore).isEqualTo(2);
    assertThat(count("streamer/stub-secondary", "ok") - okBefore).isEqualTo(2);
    provider.verify(2, completionsOf("stub-primary"));
    provider.verify(
        2,
        completionsOf("stub-secondary")
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
  }

  @Test
  void aRejectedKeyFailsTheTaskAtOnceWithTheReason() throws Exception {
    provider.stubFor(
        completions("stub-locked")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(error("invalid_request_error", "Incorrect API key provided"))));

    long started = System.nanoTime();
    String taskId = startRefund();
    JsonNode task = http.awaitTask(taskId, REQUESTER, "FAILED"::equals, TASK_TIMEOUT);

    assertThat(task.path("reason").asString())
        .contains("ClassifyTask", "stub/stub-locked rejected the request", "HTTP 401")
        .contains("Incorrect API key provided");
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
    provider.verify(1, completionsOf("stub-locked"));
  }

  // --- the provider's side ---

  private static MappingBuilder completions(String model) {
    return post(urlPathEqualTo(COMPLETIONS))
        .withRequestBody(matchingJsonPath("$.model", equalTo(model)));
  }

  private static RequestPatternBuilder completionsOf(String model) {
    return postRequestedFor(urlPathEqualTo(COMPLETIONS))
        .withRequestBody(matchingJsonPath("$.model", equalTo(model)));
  }

  private static MappingBuilder classifyRequest(String model) {
    return completions(model)
        .withRequestBody(matchingJsonPath("$.messages[0].content", containing("You triage")));
  }

  private static MappingBuilder draftRequest(String model) {
    return completions(model)
        .withRequestBody(
            matchingJsonPath("$.messages[0].content", containing("customer-support assistant")));
  }

  private static String answer() {
    return JSON.writeValueAsString(Map.of("answer", SENTENCE, "citations", List.of(chunkId)));
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
            "stub",
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
            usage(prompt, completion));
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(JSON.writeValueAsString(body));
  }

  /** The reply in three content chunks, then the usage chunk, then {@code [DONE]}. */
  private static ResponseDefinitionBuilder streamedCompletion(
      String content, int prompt, int completion) {
    int third = content.length() / 3;
    List<String> pieces =
        List.of(
            content.substring(0, third),
            content.substring(third, 2 * third),
            content.substring(2 * third));
    StringBuilder events = new StringBuilder();
    events.append(chunk(Map.of("role", "assistant", "content", ""), null, null));
    pieces.forEach(p -> events.append(chunk(Map.of("content", p), null, null)));
    events.append(chunk(Map.of(), "stop", null));
    events.append(chunk(null, null, usage(prompt, completion)));
    events.append("data: [DONE]\n\n");
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody(events.toString());
  }

  private static String chunk(Map<String, Object> delta, String finish, Map<String, Object> usage) {
    Map<String, Object> chunk = new LinkedHashMap<>();
    chunk.put("id", "chatcmpl-2");
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", 1_760_000_000);
    chunk.put("model", "stub");
    if (delta == null) {
      chunk.put("choices", List.of());
    } else {
      Map<String, Object> choice = new LinkedHashMap<>();
      choice.put("index", 0);
      choice.put("delta", delta);
      choice.put("finish_reason", finish);
      chunk.put("choices", List.of(choice));
    }
    chunk.put("usage", usage);
    return "data: " + JSON.writeValueAsString(chunk) + "\n\n";
  }

  private static Map<String, Object> usage(int prompt, int completion) {
    return Map.of(
        "prompt_tokens", prompt,
        "completion_tokens", completion,
        "total_tokens", prompt + completion);
  }

  private static String error(String type, String message) {
    return JSON.writeValueAsString(
        Map.of("error", Map.of("message", message, "type", type, "code", type)));
  }

  // --- Steward's side ---

  private static String startSupportTask() {
    var reply =
        http.post(
            "/v1/tasks",
            REQUESTER,
            "{\"type\":\"support-answer\",\"input\":{\"question\":\"" + QUESTION + "\"}}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    return reply.json().path("taskId").asString();
  }

  private static String startRefund() {
    var reply =
        http.post(
            "/v1/tasks",
            REQUESTER,
            """
            {"type":"refund-decision","input":{"orderId":"LG-00000042","orderTotal":40,
             "requestedAmount":40,"reason":"The kettle arrived with a cracked lid",
             "daysSinceDelivery":3,"itemCondition":"damaged"}}\
            """);
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    return reply.json().path("taskId").asString();
  }

  /** The calls of a task's usage, latency left out: it is measured, not reported. */
  private static List<ModelCall> calls(JsonNode calls) {
    List<ModelCall> out = new ArrayList<>();
    for (JsonNode c : calls) {
      out.add(
          new ModelCall(
              c.path("step").asString(),
              c.path("provider").asString(),
              c.path("model").asString(),
              c.path("promptTokens").asInt(),
              c.path("completionTokens").asInt(),
              c.path("costUsd").asDouble(),
              0));
    }
    return out;
  }

  private static ModelCall withoutLatency(ModelCall c) {
    return new ModelCall(
        c.step(), c.provider(), c.model(), c.promptTokens(), c.completionTokens(), c.costUsd(), 0);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  /** {@code steward.model.calls} of one model and outcome, over all steps and task types. */
  private static double count(String model, String outcome) {
    return steward
        .context()
        .getBean(MeterRegistry.class)
        .find("steward.model.calls")
        .tag("model", model)
        .tag("outcome", outcome)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
