package dev.steward.app;

import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace from the API through the workflow to its activities, on the embedded stack: the HTTP
 * server span (Micrometer Tracing on OpenTelemetry), Temporal's StartWorkflow span as its child
 * (the client's OpenTracing interceptor, over the OpenTelemetry shim), then RunWorkflow and, per
 * step, StartActivity and RunActivity (the worker's interceptor). Spans are collected in memory by
 * an exporter added next to the application's own. Neither spans nor log lines carry raw input.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIT {

  /** A caller's W3C trace context: the API must continue it, not start a trace of its own. */
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private static final String CALLER_SPAN = "00f067aa0ba902b7";

  private static final String QUESTION = "Can I return a tea kettle after thirty days?";

  private static final List<String> STEPS =
      List.of("ScreenInput", "ClassifyTask", "RetrievePassages", "DraftOutput", "ValidateOutput");

  private static EmbeddedSteward steward;
  private static InMemorySpanExporter spans;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createTempDirectory("steward-tracing-it");
    steward =
        EmbeddedSteward.start(
            data,
            Map.of(
                "server.port",
                0,
                "steward.demo-corpus.enabled",
                false,
                "management.opentelemetry.tracing.export.schedule-delay",
                "100ms"),
            new Class<?>[] {InMemorySpans.class});
    spans = steward.context().getBean(InMemorySpanExporter.class);
    new StewardHttp(steward.port()).awaitHealthy(Duration.ofSeconds(120));
  }

  @AfterAll
  static void stop() {
    if (steward != null) {
      steward.close();
    }
  }

  @Test
  void aTaskIsOneTraceFromTheApiThroughTheWorkflowToEachStep() throws Exception {
    String taskId = postTask(TRACE_ID);
    awaitFinished(taskId);

    SpanData http =
        await(s ->
            s.getKind() == SpanKind.SERVER
                && s.getTraceId().equals(TRACE_ID)
                && "/v1/tasks".equals(attribute(s, "uri"))
                && "POST".equals(attribute(s, "method")));
    assertThat(http.getParentSpanId()).as("continues the caller's span").isEqualTo(CALLER_SPAN);

    SpanData startWorkflow =
        await(named("StartWorkflow:StewardTask").and(s -> s.getTraceId().equals(TRACE_ID)));
    // In between: Spring Security's span of the secured request, itself the HTTP span's child.
    List<SpanData> chain = ancestors(startWorkflow);
    assertThat(chain).extracting(SpanData::getName).startsWith("secured request", http.getName());
    assertThat(chain.get(1).getSpanId()).isEqualTo(http.getSpanId());
    SpanData runWorkflow =
        await(
            named("RunWorkflow:StewardTask")
                .and(s -> s.getParentSpanId().equals(startWorkflow.getSpanId())));

    for (String step : STEPS) {
      SpanData scheduled =
          await(
              named("StartActivity:" + step)
                  .and(s -> s.getParentSpanId().equals(runWorkflow.getSpanId())));
      SpanData ran =
          await(
              named("RunActivity:" + step)
                  .and(s -> s.getParentSpanId().equals(scheduled.getSpanId())));
      assertThat(ran.getTraceId()).as(step).isEqualTo(TRACE_ID);
    }
    assertThat(List.of(startWorkflow, runWorkflow))
        .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE_ID));
    assertThat(startWorkflow.getAttributes().asMap().toString()).contains(taskId);
  }

  @Test
  void spansCarryNoInputText() throws Exception {
    String traceId = "5c0a2f3577b34da6a3ce929d0e0e4799";
    awaitFinished(postTask(traceId));
    // The workflow's span ends last: once it is exported, so are its steps'.
    await(named("RunWorkflow:StewardTask").and(s -> s.getTraceId().equals(traceId)));

    for (SpanData span : spans.getFinishedSpanItems()) {
      String recorded = span.getName() + span.getAttributes() + span.getEvents();
      assertThat(recorded).as(span.getName()).doesNotContain("kettle").doesNotContain("thirty");
    }
  }

  private static void awaitFinished(String taskId) throws InterruptedException {
    new StewardHttp(steward.port())
        .awaitTask(
            taskId,
            REQUESTER,
            s -> !s.equals("RUNNING") && !s.equals("AWAITING_APPROVAL"),
            Duration.ofSeconds(60));
  }

  @Test
  void logLinesOfTheRunningStackAreMasked(CapturedOutput output) {
    LoggerFactory.getLogger(TracingIT.class)
        .warn(
            "refund asked by {}",
            "jane.doe@example.com",
            new IllegalArgumentException("card 4111 1111 1111 1111 was refused"));

    assertThat(output.getOut())
        .contains("refund asked by [EMAIL_1]")
        .contains("IllegalArgumentException: card [CARD_1] was refused")
        .doesNotContain("jane.doe@example.com")
        .doesNotContain("4111 1111");
  }

  /** POSTs a task as a traced caller would, with a {@code traceparent} header. */
  private static String postTask(String traceId) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + steward.port() + "/v1/tasks"))
            .header("X-API-Key", REQUESTER)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "tracing-" + UUID.randomUUID())
            .header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-01")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"type\":\"support-answer\",\"input\":{\"question\":\"" + QUESTION + "\"}}"))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JsonMapper.builder().build().readTree(response.body()).path("taskId").asString();
  }

  /** The span's ancestors, nearest first, as far as they were exported. */
  private static List<SpanData> ancestors(SpanData span) {
    List<SpanData> ancestors = new ArrayList<>();
    String parent = span.getParentSpanId();
    for (int i = 0; i < 20; i++) {
      String id = parent;
      Optional<SpanData> found =
          spans.getFinishedSpanItems().stream().filter(s -> s.getSpanId().equals(id)).findFirst();
      if (found.isEmpty()) {
        break;
      }
      ancestors.add(found.get());
      parent = found.get().getParentSpanId();
    }
    return ancestors;
  }

  private static Predicate<SpanData> named(String name) {
    return s -> s.getName().equals(name);
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().asMap().entrySet().stream()
        .filter(e -> e.getKey().getKey().equals(key))
        .map(e -> String.valueOf(e.getValue()))
        .findFirst()
        .orElse(null);
  }

  /** The first exported span matching {@code match}, waiting for the batch exporter. */
  private static SpanData await(Predicate<SpanData> match) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Optional<SpanData> found = spans.getFinishedSpanItems().stream().filter(match).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no such span among: "
                + spans.getFinishedSpanItems().stream()
                    .map(s -> s.getName() + " " + s.getSpanId() + "<-" + s.getParentSpanId())
                    .toList());
      }
      Thread.sleep(100);
    }
  }

  /**
   * An exporter next to the application's: Boot hands every SpanExporter bean the spans. Not a
   * {@code @Configuration}, which the application's component scan would find in every other IT.
   */
  static class InMemorySpans {

    @Bean
    InMemorySpanExporter inMemorySpanExporter() {
      return InMemorySpanExporter.create();
    }
  }
}
