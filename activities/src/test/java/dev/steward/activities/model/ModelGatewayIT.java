package dev.steward.activities.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.steward.activities.model.ProviderWire.anthropic;
import static dev.steward.activities.model.ProviderWire.ollama;
import static dev.steward.activities.model.ProviderWire.openAi;
import static dev.steward.activities.model.ProviderWire.openAiError;
import static dev.steward.activities.model.ProviderWire.openAiStream;
import static dev.steward.activities.model.ProviderWire.openAiStreamEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.steward.activities.model.ModelProperties.Provider;
import dev.steward.workflows.task.BudgetExceededException;
import dev.steward.workflows.task.ModelRequestRejectedException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway over real HTTP against a local server speaking OpenAI's, Anthropic's and Ollama's
 * wire formats, with faults injected: routing, fallback, Retry-After, timeouts, malformed output,
 * permanent errors, context limits, exact cost and the budget check, and OpenAI's streamed replies
 * (server-sent chunks, the usage chunk, streams that break off or go quiet).
 */
class ModelGatewayIT {

  static final String VALID =
      "{\"answer\":\"Refunds take 5-7 business days.\",\"citations\":[\"acme:refunds#0\"]}";

  private static final Map<String, String> ENVIRONMENT =
      Map.of("OPENAI_API_KEY", "sk-test", "ANTHROPIC_API_KEY", "sk-ant-test");
  private static final TokenCountEstimator TOKENS = new HuggingFaceTokenCountEstimator();

  private static WireMockServer server;
  private SimpleMeterRegistry meters;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    meters = new SimpleMeterRegistry();
  }

  // --- routing ---

  @Test
  void routesEachTierToTheHeadOfItsChain() {
    stubOpenAi("small-model", ok(openAi("small-model", VALID, 100, 20)));
    stubAnthropic(ok(anthropic("strong-model", VALID, 300, 40)));
    ModelGateway gateway =
        gateway(
            config()
                .tier("small", "openai/small-model")
                .tier("strong", "anthropic/strong-model")
                .build());

    ModelGateway.Reply small = gateway.call(request("small"));
    ModelGateway.Reply strong = gateway.call(request("strong"));

    assertThat(small.call().target().id()).isEqualTo("openai/small-model");
    assertThat(strong.call().target().id()).isEqualTo("anthropic/strong-model");
    assertThat(strong.json()).containsEntry("answer", "Refunds take 5-7 business days.");
    server.verify(1, postRequestedFor(urlPathEqualTo("/openai/v1/chat/completions")));
    server.verify(1, postRequestedFor(urlPathMatching("/anthropic/.*messages")));
  }

  @Test
  void aTaskTypesStepChainWinsOverTheTier() {
    stubOllama(ok(ollama("llama3.2", VALID, 50, 10)));
    ModelProperties properties =
        config()
            .tier("small", "openai/small-model")
            .taskTypeStep("support-answer", "classify", "ollama/llama3.2")
            .build();
    ModelGateway gateway = gateway(properties);

    ModelGateway.Reply reply =
        gateway.call(
            new ModelGateway.Request(
                new ModelCallContext("acme", "support-answer", "classify", "small"),
                "Classify.",
                "Input",
                0,
                0,
                null));

    assertThat(reply.call().target().id()).isEqualTo("ollama/llama3.2");
    assertThat(reply.call().promptTokens()).isEqualTo(50);
    assertThat(reply.call().completionTokens()).isEqualTo(10);
    server.verify(
        postRequestedFor(urlPathEqualTo("/ollama/api/chat"))
            .withRequestBody(matchingJsonPath("$.format", equalTo("json"))));
    server.verify(0, postRequestedFor(urlPathEqualTo("/openai/v1/chat/completions")));
  }

  // --- fallback through the chain ---

  @Test
  void fallsBackToTheNextModelOnAServerError() {
    stubOpenAi(
        "first",
        aResponse()
            .withStatus(500)
            .withBody(openAiError("server_error", "internal", "The server had an error")));
    stubOpenAi("second", ok(openAi("second", VALID, 80, 12)));
    ModelGateway gateway = gateway(config().tier("small", "openai/first", "openai/second").build());

    ModelGateway.Reply reply = gateway.call(request("small"));

    assertThat(reply.call().target().model()).isEqualTo("second");
    assertThat(reply.discarded()).isEmpty();
    assertThat(calls("openai/first", "fallback")).isEqualTo(1);
    assertThat(calls("openai/second", "ok")).isEqualTo(1);
  }

  @Test
  void waitsOutAShortRetryAfterAndRetriesTheSameModel() {
    server.stubFor(
        openAiModel("first")
            .inScenario("rate")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "1")
                    .withBody(openAiError("rate_limit_error", "rate_limit", "Slow down")))
            .willSetStateTo("cooled"));
    server.stubFor(
        openAiModel("first")
            .inScenario("rate")
            .whenScenarioStateIs("cooled")
            .willReturn(ok(openAi("first", VALID, 90, 15))));
    stubOpenAi("second", ok(openAi("second", VALID, 80, 12)));
    ModelGateway gateway = gateway(config().tier("small", "openai/first", "openai/second").build());

    long started = System.nanoTime();
    ModelGateway.Reply reply = gateway.call(request("small"));
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(reply.call().target().model()).isEqualTo("first");
    assertThat(millis).isGreaterThanOrEqualTo(1000);
    server.verify(2, openAiRequests("first"));
    server.verify(0, openAiRequests("second"));
  }

  @Test
  void movesOnAtOnceWhenRetryAfterIsLongerThanTheCap() {
    stubOpenAi(
        "first",
        aResponse()
            .withStatus(429)
            .withHeader("Retry-After", "120")
            .withBody(openAiError("rate_limit_error", "rate_limit", "Slow down")));
    stubOpenAi("second", ok(openAi("second", VALID, 80, 12)));
    ModelGateway gateway = gateway(config().tier("small", "openai/first", "openai/second").build());

    long started = System.nanoTime();
    ModelGateway.Reply reply = gateway.call(request("small"));

    assertThat(reply.call().target().model()).isEqualTo("second");
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    server.verify(1, openAiRequests("first"));
  }

  @Test
  void aWholeChainRateLimitedIsRetryableAfterTheLongestRetryAfter() {
    stubOpenAi(
        "first",
        aResponse()
            .withStatus(429)
            .withHeader("Retry-After", "30")
            .withBody(openAiError("rate_limit_error", "rate_limit", "Slow down")));
    stubOpenAi(
        "second", aResponse().withStatus(503).withBody(openAiError("overloaded", "x", "Busy")));
    ModelGateway gateway = gateway(config().tier("small", "openai/first", "openai/second").build());

    assertThatThrownBy(() -> gateway.call(request("small")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getType()).isEqualTo(ModelGateway.CHAIN_UNAVAILABLE);
              assertThat(f.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
              assertThat(f.getOriginalMessage()).contains("openai/first", "openai/second");
            });
  }

  @Test
  void fallsBackWhenAModelTimesOut() {
    stubOpenAi("slow", ok(openAi("slow", VALID, 80, 12)).withFixedDelay(3_000));
    stubAnthropic(ok(anthropic("backup", VALID, 70, 11)));
    ModelProperties properties =
        config()
            .provider(
                "openai",
                provider(ProviderType.OPENAI, "/openai/v1", "OPENAI_API_KEY", null)
                    .timeout(Duration.ofMillis(500)))
            .tier("small", "openai/slow", "anthropic/backup")
            .build();

    ModelGateway.Reply reply = gateway(properties).call(request("small"));

    assertThat(reply.call().target().id()).isEqualTo("anthropic/backup");
  }

  @ParameterizedTest(name = "streamed: {0}")
  @ValueSource(booleans = {false, true})
  void truncatedJsonOutputIsPaidForAndTheNextModelAnswers(boolean streamed) {
    String truncated = "{\"answer\": \"Refunds take 5-7 business";
    stubOpenAi(
        "first",
        streamed
            ? sse(openAiStream("first", List.of(truncated), 120, 256))
            : ok(openAi("first", truncated, 120, 256)));
    stubOpenAi("second", ok(openAi("second", VALID, 80, 12)));
    ModelGateway gateway =
        gateway(
            streamingConfig()
                .tier("small", (streamed ? "stream" : "openai") + "/first", "openai/second")
                .price("first", "1.00", "2.00")
                .build());

    ModelGateway.Reply reply = gateway.call(request("small"));

    assertThat(reply.call().target().model()).isEqualTo("second");
    assertThat(reply.discarded()).hasSize(1);
    PaidCall discarded = reply.discarded().getFirst();
    assertThat(discarded.promptTokens()).isEqualTo(120);
    assertThat(discarded.completionTokens()).isEqualTo(256);
    assertThat(discarded.costUsd()).isEqualTo(0.000632);
  }

  @Test
  void aTruncatedHttpBodyFallsBackToTheNextModel() {
    stubOpenAi("first", ok("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choi"));
    stubOpenAi("second", ok(openAi("second", VALID, 80, 12)));
    ModelGateway gateway = gateway(config().tier("small", "openai/first", "openai/second").build());

    assertThat(gateway.call(request("small")).call().target().model()).isEqualTo("second");
  }

  @Test
  void repairsAReplyWithoutJsonWhenTheProviderHasNoJsonMode() {
    server.stubFor(
        anthropicCall()
            .inScenario("repair")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(ok(anthropic("claude", "Sure! Refunds take about a week.", 200, 9)))
            .willSetStateTo("asked again"));
    server.stubFor(
        anthropicCall()
            .inScenario("repair")
            .whenScenarioStateIs("asked again")
            .willReturn(ok(anthropic("claude", "```json\n" + VALID + "\n```", 230, 25))));
    ModelGateway gateway = gateway(config().tier("small", "anthropic/claude").build());

    ModelGateway.Reply reply = gateway.call(request("small"));

    assertThat(reply.json()).containsKey("citations");
    assertThat(reply.discarded()).hasSize(1);
    assertThat(reply.call().promptTokens()).isEqualTo(230);
    server.verify(2, postRequestedFor(urlPathMatching("/anthropic/.*messages")));
  }

  // --- permanent errors ---

  @Test
  void anAuthenticationFailureIsRejectedWithoutTryingOtherModels() {
    stubOpenAi(
        "first",
        aResponse()
            .withStatus(401)
            .withBody(
                openAiError(
                    "invalid_request_error", "invalid_api_key", "Incorrect API key provided")));
    stubOpenAi("second", ok(openAi("second", VALID, 80, 12)));
    ModelGateway gateway = gateway(config().tier("small", "openai/first", "openai/second").build());

    assertThatThrownBy(() -> gateway.call(request("small")))
        .isInstanceOf(ModelRequestRejectedException.class)
        .hasMessageContaining("openai/first")
        .hasMessageContaining("authentication failed");
    server.verify(0, openAiRequests("second"));
    assertThat(calls("openai/first", "error")).isEqualTo(1);
  }

  @Test
  void aPromptTooLongMovesToAModelWithALargerContext() {
    stubOpenAi(
        "short",
        aResponse()
            .withStatus(400)
            .withBody(
                openAiError(
                    "invalid_request_error",
                    "context_length_exceeded",
                    "This model's maximum context length is 8192 tokens.")));
    stubOpenAi("same", ok(openAi("same", VALID, 80, 12)));
    stubAnthropic(ok(anthropic("long", VALID, 9000, 30)));
    ModelProperties properties =
        config()
            .provider(
                "openai",
                provider(ProviderType.OPENAI, "/openai/v1", "OPENAI_API_KEY", 8192).build())
            .provider(
                "anthropic",
                provider(ProviderType.ANTHROPIC, "/anthropic/v1/", "ANTHROPIC_API_KEY", 200_000)
                    .build())
            .tier("small", "openai/short", "openai/same", "anthropic/long")
            .build();

    ModelGateway.Reply reply = gateway(properties).call(request("small"));

    assertThat(reply.call().target().id()).isEqualTo("anthropic/long");
    server.verify(0, openAiRequests("same"));
  }

  @Test
  void aPromptTooLongForEveryModelIsRejected() {
    stubOpenAi(
        "short",
        aResponse()
            .withStatus(400)
            .withBody(
                openAiError(
                    "invalid_request_error",
                    "context_length_exceeded",
                    "This model's maximum context length is 8192 tokens.")));
    ModelGateway gateway = gateway(config().tier("small", "openai/short").build());

    assertThatThrownBy(() -> gateway.call(request("small")))
        .isInstanceOf(ModelRequestRejectedException.class)
        .hasMessageContaining("fits no model");
  }

  // --- accounting and budget ---

  @Test
  void costIsExactToTheTokenFromTheReportedUsageAndThePriceTable() {
    stubOpenAi("gpt-4o-mini", ok(openAi("gpt-4o-mini-2024-07-18", VALID, 1234, 567)));
    ModelGateway gateway = gateway(config().tier("small", "openai/gpt-4o-mini").build());

    PaidCall call = gateway.call(request("small")).call();

    // Bundled price of gpt-4o-mini: $0.15 in, $0.60 out per million tokens.
    assertThat(call.promptTokens()).isEqualTo(1234);
    assertThat(call.completionTokens()).isEqualTo(567);
    assertThat(call.costUsd()).isEqualTo(0.0005253);
    String[] tags = {
      "task_type",
      "support-answer",
      "step",
      "reason",
      "model",
      "openai/gpt-4o-mini",
      "tenant",
      "acme"
    };
    assertThat(
            meters.get("steward.model.tokens").tags(tags).tag("type", "prompt").counter().count())
        .isEqualTo(1234);
    assertThat(
            meters
                .get("steward.model.tokens")
                .tags(tags)
                .tag("type", "completion")
                .counter()
                .count())
        .isEqualTo(567);
    assertThat(meters.get("steward.model.cost").tags(tags).counter().count()).isEqualTo(0.0005253);
    assertThat(meters.get("steward.model.latency").tags(tags).timer().count()).isEqualTo(1);
  }

  @Test
  void refusesBeforeCallingWhenTheEstimateExceedsTheRemainingBudget() {
    stubOpenAi("gpt-4o", ok(openAi("gpt-4o", VALID, 100, 20)));
    ModelGateway gateway = gateway(config().tier("strong", "openai/gpt-4o").build());

    // 256 output tokens at $10 per million alone cost $0.00256; $0.002 of $0.004 is spent.
    assertThatThrownBy(() ->
            gateway.call(
                new ModelGateway.Request(
                    new ModelCallContext("acme", "support-answer", "reason", "strong"),
                    "You answer questions.",
                    "How long do refunds take?",
                    0.002,
                    0.004,
                    null)))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("budget");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  // --- streaming ---

  @Test
  void gathersAStreamedReplyAndCountsTheUsageOfItsLastChunk() {
    stubOpenAi(
        "streamed",
        sse(
            openAiStream(
                "streamed",
                List.of("{\"answer\":\"Refunds take ", "5-7 business days.\",", citations()),
                1234,
                567)));
    ModelGateway gateway =
        gateway(
            streamingConfig()
                .tier("small", "stream/streamed")
                .price("streamed", "0.15", "0.60")
                .build());

    ModelGateway.Reply reply = gateway.call(request("small"));

    assertThat(reply.json())
        .containsEntry("answer", "Refunds take 5-7 business days.")
        .containsEntry("citations", List.of("acme:refunds#0"));
    assertThat(reply.rawText()).isEqualTo(VALID);
    assertThat(reply.call().target().id()).isEqualTo("stream/streamed");
    assertThat(reply.call().promptTokens()).isEqualTo(1234);
    assertThat(reply.call().completionTokens()).isEqualTo(567);
    assertThat(reply.call().costUsd()).isEqualTo(0.0005253);
    assertThat(reply.discarded()).isEmpty();
    server.verify(
        openAiRequests("streamed")
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true")))
            .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object"))));
    assertThat(calls("stream/streamed", "ok")).isEqualTo(1);
  }

  @Test
  void aStreamThatBreaksOffFallsBackToTheNextModel() {
    stubOpenAi("broken", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
    stubOpenAi("second", ok(openAi("second", VALID, 80, 12)));
    ModelGateway gateway =
        gateway(streamingConfig().tier("small", "stream/broken", "openai/second").build());

    ModelGateway.Reply reply = gateway.call(request("small"));

    assertThat(reply.call().target().id()).isEqualTo("openai/second");
    // Whether the connection breaks before or after the stream's headers are read is up to the
    // network stack: before, it is a failed request (nothing to pay); after, a paid, discarded
    // stream. Either way the next model answers.
    assertThat(reply.discarded())
        .allSatisfy(call -> {
          assertThat(call.target().id()).isEqualTo("stream/broken");
          assertThat(call.promptTokens()).isPositive();
        });
    assertThat(calls("stream/broken", "fallback")).isEqualTo(1);
  }

  @Test
  void aStreamWithAnUnreadableChunkFallsBackToTheNextModel() {
    String events = openAiStream("garbled", List.of(VALID), 100, 20);
    // The second chunk cut off mid-object, as a faulty proxy might forward it.
    String[] chunks = events.split("\n\n");
    chunks[1] = chunks[1].substring(0, chunks[1].length() / 2);
    stubOpenAi("garbled", sse(String.join("\n\n", chunks) + "\n\n"));
    stubOpenAi("second", ok(openAi("second", VALID, 80, 12)));
    ModelGateway gateway =
        gateway(streamingConfig().tier("small", "stream/garbled", "openai/second").build());

    ModelGateway.Reply reply = gateway.call(request("small"));

    assertThat(reply.call().target().id()).isEqualTo("openai/second");
    assertThat(reply.discarded())
        .singleElement()
        .extracting(c -> c.target().id())
        .isEqualTo("stream/garbled");
  }

  @Test
  void aStreamEndingWithoutDoneIsPaidForAndTheNextModelAnswers() {
    stubOpenAi(
        "unfinished",
        sse(openAiStreamEvents("unfinished", List.of("{\"answer\":\"Refunds take"), null, null)));
    stubOpenAi("second", ok(openAi("second", VALID, 80, 12)));
    ModelGateway gateway =
        gateway(streamingConfig().tier("small", "stream/unfinished", "openai/second").build());

    ModelGateway.Reply reply = gateway.call(request("small"));

    assertThat(reply.call().target().id()).isEqualTo("openai/second");
    PaidCall unfinished = reply.discarded().getFirst();
    // No usage chunk came: the prompt and the text received are counted with WordPiece.
    assertThat(unfinished.promptTokens())
        .isEqualTo(
            TOKENS.estimateTokenCountInText(
                request("small").system()
                    + "\n\nReply with a single JSON object only: no prose before or after it, no"
                    + " code fence.\n\n"
                    + request("small").user()));
    assertThat(unfinished.completionTokens())
        .isEqualTo(TOKENS.estimateTokenCountInText("{\"answer\":\"Refunds take"));
  }

  @Test
  void aStreamThatGoesQuietMidwayIsPaidForAndTheNextModelAnswers() throws Exception {
    stubOpenAi("second", ok(openAi("second", VALID, 80, 12)));
    String firstEvents =
        openAiStreamEvents("stalling", List.of("{\"answer\":\"Refunds"), null, null);
    try (StallingServer stalling = StallingServer.start(firstEvents)) {
      ModelProperties properties =
          config()
              .provider(
                  "stream",
                  new ProviderSpec(ProviderType.OPENAI_COMPATIBLE, stalling.baseUrl(), null, null)
                      .streaming(Duration.ofMillis(700)))
              .tier("small", "stream/stalling", "openai/second")
              .build();

      long started = System.nanoTime();
      ModelGateway.Reply reply = gateway(properties).call(request("small"));

      assertThat(reply.call().target().id()).isEqualTo("openai/second");
      assertThat(reply.discarded())
          .singleElement()
          .satisfies(call -> {
            assertThat(call.target().id()).isEqualTo("stream/stalling");
            assertThat(call.completionTokens())
                .isEqualTo(TOKENS.estimateTokenCountInText("{\"answer\":\"Refunds"));
          });
      assertThat((System.nanoTime() - started) / 1_000_000).isBetween(700L, 5_000L);
    }
  }

  @Test
  void aServerErrorBeforeTheStreamFallsBackAndARateLimitKeepsItsRetryAfter() {
    server.stubFor(
        openAiModel("limited")
            .inScenario("stream rate")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "1")
                    .withBody(openAiError("rate_limit_error", "rate_limit", "Slow down")))
            .willSetStateTo("cooled"));
    server.stubFor(
        openAiModel("limited")
            .inScenario("stream rate")
            .whenScenarioStateIs("cooled")
            .willReturn(
                aResponse().withStatus(500).withBody(openAiError("server_error", "x", "Oops"))));
    stubOpenAi("second", ok(openAi("second", VALID, 80, 12)));
    ModelGateway gateway =
        gateway(streamingConfig().tier("small", "stream/limited", "openai/second").build());

    long started = System.nanoTime();
    ModelGateway.Reply reply = gateway.call(request("small"));

    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(1_000);
    assertThat(reply.call().target().id()).isEqualTo("openai/second");
    assertThat(reply.discarded()).isEmpty();
    server.verify(2, openAiRequests("limited"));
    assertThat(calls("stream/limited", "fallback")).isEqualTo(2);
  }

  @Test
  void anAuthenticationFailureBeforeTheStreamIsRejected() {
    stubOpenAi(
        "locked",
        aResponse()
            .withStatus(401)
            .withBody(openAiError("invalid_request_error", "invalid_api_key", "Bad key")));
    ModelGateway gateway =
        gateway(streamingConfig().tier("small", "stream/locked", "openai/second").build());

    assertThatThrownBy(() -> gateway.call(request("small")))
        .isInstanceOf(ModelRequestRejectedException.class)
        .hasMessageContaining("authentication failed");
    server.verify(0, openAiRequests("second"));
  }

  // --- fixtures ---

  private ModelGateway gateway(ModelProperties properties) {
    return new ModelGateway(
        new ModelRouter(properties),
        new ChatModelFactory(properties, ENVIRONMENT::get),
        new CostCalculator(PriceTable.bundledWith(properties.prices())),
        TOKENS,
        new ModelMetrics(meters),
        properties.retryAfterCap());
  }

  private static ModelGateway.Request request(String tier) {
    return new ModelGateway.Request(
        new ModelCallContext("acme", "support-answer", "reason", tier),
        "You answer customer questions from the passages. Reply with JSON.",
        "Passages:\n[acme:refunds#0] Refunds are issued in 5-7 business days.\n\n"
            + "Question: How long does a refund take?",
        0,
        0,
        null);
  }

  private double calls(String model, String outcome) {
    var counter =
        meters.find("steward.model.calls").tag("model", model).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static MappingBuilder openAiModel(String model) {
    return post(urlPathEqualTo("/openai/v1/chat/completions"))
        .withRequestBody(matchingJsonPath("$.model", equalTo(model)));
  }

  private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder openAiRequests(
      String model) {
    return postRequestedFor(urlPathEqualTo("/openai/v1/chat/completions"))
        .withRequestBody(matchingJsonPath("$.model", equalTo(model)));
  }

  private static void stubOpenAi(
      String model, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    server.stubFor(openAiModel(model).willReturn(response));
  }

  private static MappingBuilder anthropicCall() {
    return post(urlPathMatching("/anthropic/.*messages"));
  }

  private static void stubAnthropic(
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    server.stubFor(anthropicCall().willReturn(response));
  }

  private static void stubOllama(
      com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    server.stubFor(post(urlPathEqualTo("/ollama/api/chat")).willReturn(response));
  }

  private static ProviderSpec provider(
      ProviderType type, String path, String keyEnv, Integer maxContextTokens) {
    return new ProviderSpec(type, server.baseUrl() + path, keyEnv, maxContextTokens);
  }

  private static String citations() {
    return "\"citations\":[\"acme:refunds#0\"]}";
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(
      String events) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody(events);
  }

  /** The usual providers plus {@code stream}: an OpenAI-compatible server that streams. */
  private static Config streamingConfig() {
    return config()
        .provider(
            "stream",
            provider(ProviderType.OPENAI_COMPATIBLE, "/openai/v1", null, null)
                .streaming(Duration.ofSeconds(2)));
  }

  private static Config config() {
    return new Config()
        .provider(
            "openai", provider(ProviderType.OPENAI, "/openai/v1", "OPENAI_API_KEY", null).build())
        .provider(
            "anthropic",
            provider(ProviderType.ANTHROPIC, "/anthropic/v1/", "ANTHROPIC_API_KEY", null).build())
        .provider("ollama", provider(ProviderType.OLLAMA, "/ollama", null, null).build());
  }

  /** A provider's settings for a test: 256 output tokens, a 2 s read timeout unless set. */
  record ProviderSpec(ProviderType type, String baseUrl, String keyEnv, Integer context) {
    Provider build() {
      return timeoutProvider(Duration.ofSeconds(2));
    }

    Provider timeout(Duration timeout) {
      return timeoutProvider(timeout);
    }

    Provider streaming(Duration timeout) {
      return new Provider(
          type,
          baseUrl,
          keyEnv,
          timeout,
          Duration.ofSeconds(2),
          true,
          context,
          256,
          List.of(),
          true);
    }

    private Provider timeoutProvider(Duration timeout) {
      return new Provider(
          type, baseUrl, keyEnv, timeout, Duration.ofSeconds(2), null, context, 256, List.of());
    }
  }

  /**
   * Answers one request with a streamed 200 and {@code events}, then sends nothing more, keeping
   * the connection open: a provider that stalls mid-stream, which WireMock cannot imitate.
   */
  static final class StallingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;

    private StallingServer(ServerSocket socket, Thread thread) {
      this.socket = socket;
      this.thread = thread;
    }

    static StallingServer start(String events) throws IOException {
      ServerSocket socket = new ServerSocket(0);
      Thread thread =
          Thread.ofVirtual()
              .start(() -> {
                try (Socket client = socket.accept()) {
                  BufferedReader request =
                      new BufferedReader(
                          new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                  for (String line = request.readLine();
                      line != null && !line.isEmpty();
                      line = request.readLine()) {
                    // the request's headers; its body is never read
                  }
                  byte[] body = events.getBytes(StandardCharsets.UTF_8);
                  OutputStream out = client.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                              + "Transfer-Encoding: chunked\r\n\r\n"
                              + Integer.toHexString(body.length)
                              + "\r\n")
                          .getBytes(StandardCharsets.UTF_8));
                  out.write(body);
                  out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                  out.flush();
                  Thread.sleep(Duration.ofMinutes(1));
                } catch (IOException | InterruptedException closed) {
                  // the test is over
                }
              });
      return new StallingServer(socket, thread);
    }

    String baseUrl() {
      return "http://localhost:" + socket.getLocalPort() + "/v1";
    }

    @Override
    public void close() throws IOException {
      thread.interrupt();
      socket.close();
    }
  }

  /** Builds {@link ModelProperties} for one test. */
  static final class Config {
    private final Map<String, Provider> providers = new LinkedHashMap<>();
    private final Map<String, List<String>> tiers = new LinkedHashMap<>();
    private final Map<String, ModelProperties.Routes> taskTypes = new LinkedHashMap<>();
    private final List<ModelPrice> prices = new java.util.ArrayList<>();

    Config provider(String name, Provider provider) {
      providers.put(name, provider);
      return this;
    }

    Config tier(String tier, String... chain) {
      tiers.put(tier, List.of(chain));
      return this;
    }

    Config taskTypeStep(String taskType, String step, String... chain) {
      taskTypes.put(taskType, new ModelProperties.Routes(null, Map.of(step, List.of(chain))));
      return this;
    }

    Config price(String model, String in, String out) {
      prices.add(new ModelPrice(model, new BigDecimal(in), new BigDecimal(out)));
      return this;
    }

    ModelProperties build() {
      return new ModelProperties(providers, tiers, null, taskTypes, prices, Duration.ofSeconds(5));
    }
  }
}
