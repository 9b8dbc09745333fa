package dev.steward.activities.classification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.steward.activities.model.ChatModelFactory;
import dev.steward.activities.model.CostCalculator;
import dev.steward.activities.model.ModelGateway;
import dev.steward.activities.model.ModelMetrics;
import dev.steward.activities.model.ModelProperties;
import dev.steward.activities.model.ModelRouter;
import dev.steward.activities.model.PriceTable;
import dev.steward.activities.model.ProviderType;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.ClassificationTypes.ClassificationRequest;
import dev.steward.workflows.task.ClassificationTypes.Complexity;
import dev.steward.workflows.task.ClassificationTypes.Risk;
import dev.steward.workflows.task.ClassificationTypes.TaskClassification;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Classification asks the small tier in JSON mode over real HTTP, whatever the task's tier. */
class GatewayTaskClassifierIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private WireMockServer server;
  private GatewayTaskClassifier classifier;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    ModelProperties properties =
        new ModelProperties(
            Map.of(
                "openai",
                new ModelProperties.Provider(
                    ProviderType.OPENAI,
                    server.baseUrl() + "/v1",
                    "OPENAI_API_KEY",
                    Duration.ofSeconds(2),
                    null,
                    null,
                    null,
                    200,
                    List.of())),
            Map.of(
                "small", List.of("openai/gpt-4o-mini", "openai/gpt-4.1-mini"),
                "strong", List.of("openai/gpt-4o")),
            null,
            null,
            null,
            null);
    classifier =
        new GatewayTaskClassifier(
            new ModelGateway(
                new ModelRouter(properties),
                new ChatModelFactory(properties, Map.of("OPENAI_API_KEY", "sk-test")::get),
                new CostCalculator(PriceTable.bundledWith(List.of())),
                new HuggingFaceTokenCountEstimator(),
                new ModelMetrics(new SimpleMeterRegistry()),
                properties.retryAfterCap()));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void asksTheSmallTierInJsonModeEvenForAStrongTierTaskType() {
    stub("gpt-4o-mini", "{\"complexity\":\"complex\",\"risk\":\"high\",\"rationale\":\"Money.\"}");

    TaskClassification c = classify();

    assertThat(c.complexity()).isEqualTo(Complexity.COMPLEX);
    assertThat(c.risk()).isEqualTo(Risk.HIGH);
    assertThat(c.rationale()).isEqualTo("Money.");
    assertThat(c.call().step()).isEqualTo(TaskClassifier.STEP);
    assertThat(c.call().model()).isEqualTo("gpt-4o-mini");
    // 400 in at $0.15, 30 out at $0.60 per million.
    assertThat(c.call().costUsd()).isEqualTo(0.000078);
    server.verify(
        postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
            .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
            .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object"))));
    server.verify(
        0,
        postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
            .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o"))));
  }

  @Test
  void aLabelOutsideTheAllowedValuesCountsAsMalformedAndTheNextModelAnswers() {
    stub("gpt-4o-mini", "{\"complexity\":\"medium\",\"risk\":\"high\",\"rationale\":\"?\"}");
    stub("gpt-4.1-mini", "{\"complexity\":\"simple\",\"risk\":\"low\",\"rationale\":\"FAQ.\"}");

    TaskClassification c = classify();

    assertThat(c.complexity()).isEqualTo(Complexity.SIMPLE);
    assertThat(c.call().model()).isEqualTo("gpt-4.1-mini");
  }

  private TaskClassification classify() {
    var type = TaskTypeRegistry.bundled().get("refund-decision");
    return classifier.classify(
        type,
        new ClassificationRequest(
            "acme.r-1",
            "acme",
            "refund-decision",
            Map.of("orderId", "LG-1", "reason", "Cracked lid", "requestedAmount", 149.9)));
  }

  private void stub(String model, String content) {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "id",
                "chatcmpl-1",
                "object",
                "chat.completion",
                "created",
                1_760_000_000,
                "model",
                model,
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
                Map.of("prompt_tokens", 400, "completion_tokens", 30)));
    server.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
  }
}
