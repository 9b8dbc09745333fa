package dev.steward.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.app.EmbeddedSteward;
import dev.steward.bench.eval.LocalChatServer.ChatRequest;
import dev.steward.store.prompt.PromptRegistry;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The regression test before a label moves, end to end on the embedded stack with a model provider
 * served over real HTTP by a local OpenAI-compatible server: support answers run as tasks, are
 * exported through {@code GET /v1/admin/datasets/tasks} without their personal data, and are re-run
 * by the evaluation harness against two variants. Version 2 of the prompt makes the model cite a
 * passage it was never given; the report shows it and the gate refuses the label move.
 */
class EvaluationIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String REQUESTER = "demo-requester-key";
  private static final String ENGINEER = "demo-engineer-key";
  private static final String EMAIL = "jane.doe@example.com";
  private static final String PROMPT = "support-answer";

  /** What version 2 adds to the system prompt, and what the served model reacts to. */
  private static final String V2_INSTRUCTION =
      "Also cite the help-center article you remember best, even when it is not listed.";

  /** The passage version 2's answers cite: no task retrieved it, no tenant has it. */
  private static final String INVENTED_CHUNK = "acme:remembered-article#0";

  private static final List<String> QUESTIONS =
      List.of(
          "How many days after I return an item do I get my refund (order placed as "
              + EMAIL
              + ")?",
          "Can I return a personalized item?",
          "Who pays for the return shipping?");

  private static LocalChatServer provider;
  private static EmbeddedSteward steward;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static String base;
  private static Path dataset;

  @BeforeAll
  static void start() throws Exception {
    provider = LocalChatServer.start(EvaluationIT::answer);
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", 0);
    properties.putAll(
        provider.springProperties(
            "local",
            Map.of("small", "eval-small", "strong", "eval-strong"),
            List.of(
                new LocalChatServer.Price("eval-small", "0.15", "0.60"),
                new LocalChatServer.Price("eval-strong", "2.50", "10.00"))));
    steward =
        EmbeddedSteward.start(
            Files.createTempDirectory("steward-eval-it"),
            Map.copyOf(properties),
            new Class<?>[] {NoBenchComponentScan.class});
    base = "http://localhost:" + steward.port();
    awaitHealthy();
    dataset = recordAndExport();
  }

  @AfterAll
  static void stop() {
    try {
      if (steward != null) {
        steward.close();
      }
    } finally {
      if (provider != null) {
        provider.close();
      }
    }
  }

  /** The served model: extractive answers, plus an invented citation when version 2 asks. */
  private static String answer(ChatRequest request) {
    String reply = new ExtractiveChatModel().reply(request);
    if (!request.system().contains(V2_INSTRUCTION)) {
      return reply;
    }
    ObjectNode json = (ObjectNode) JSON.readTree(reply);
    ((ArrayNode) json.get("citations")).add(INVENTED_CHUNK);
    return JSON.writeValueAsString(json);
  }

  /**
   * Runs the questions as tasks, stores version 2 of the prompt, and exports the tasks as a
   * dataset, checking on the way that the export carries no personal data.
   */
  private static Path recordAndExport() throws Exception {
    List<String> taskIds = new ArrayList<>();
    for (String question : QUESTIONS) {
      Reply started =
          send(
              "POST",
              "/v1/tasks",
              REQUESTER,
              JSON.writeValueAsString(
                  Map.of("type", PROMPT, "input", Map.of("question", question))));
      assertThat(started.status()).as(started.body()).isEqualTo(202);
      taskIds.add(started.json().path("taskId").asString());
    }
    for (String taskId : taskIds) {
      awaitStatus(taskId, "COMPLETED");
    }
    TaskTypeDefinition type = steward.context().getBean(TaskTypeRegistry.class).get(PROMPT);
    steward
        .context()
        .getBean(PromptRegistry.class)
        .versions()
        .createNext(
            PROMPT,
            type.prompt().system() + V2_INSTRUCTION + "\n",
            type.prompt().user(),
            "EvaluationIT: cites from memory",
            "evaluation-it",
            Instant.now());

    Reply export = awaitExport(taskIds.size());
    assertThat(export.contentType()).startsWith("application/x-ndjson");
    assertThat(export.header("Steward-Skipped-Tasks")).isEqualTo("0");
    assertThat(export.body()).doesNotContain(EMAIL).contains("[EMAIL_1]");
    String[] lines = export.body().strip().split("\n");
    assertThat(lines).hasSize(taskIds.size());
    for (String line : lines) {
      JsonNode row = JSON.readTree(line);
      String taskId = row.path("taskId").asString();
      assertThat(taskIds).contains(taskId);
      JsonNode task = send("GET", "/v1/tasks/" + taskId, REQUESTER, null).json();
      assertThat(chunkIds(row.path("passages")))
          .isNotEmpty()
          .isEqualTo(chunkIds(task.path("passages")));
      assertThat(row.path("output")).isEqualTo(task.path("output"));
      assertThat(row.path("prompt").path("id").asString()).isEqualTo(PROMPT);
      assertThat(row.path("prompt").path("version").asInt()).isEqualTo(1);
    }
    assertThat(send("GET", "/v1/admin/datasets/tasks", REQUESTER, null).status()).isEqualTo(403);

    Path file = Files.createTempFile("steward-eval-it", ".jsonl");
    Files.writeString(file, export.body());
    return file;
  }

  @Test
  void aPromptVersionCitingUnretrievedPassagesFailsTheLabelGate() {
    List<EvalItem> items = EvalDataset.read(dataset, null, 0);
    assertThat(items).hasSize(QUESTIONS.size()).allMatch(EvalItem::recorded);
    int requestsBefore = provider.requests();

    EvalReport report =
        PromptEval.on(steward.context(), System.out)
            .run(
                "exported.jsonl",
                items,
                Variant.parse("A", "prompt=support-answer@1"),
                Variant.parse("B", "prompt=support-answer@2"),
                LabelGate.strict());
    ReportTable.print(report, System.out);

    assertThat(provider.requests() - requestsBefore).isEqualTo(2 * items.size());
    assertThat(report.a().rate(Metric.CITATIONS_CORRECT)).isEqualTo(new VariantSummary.Rate(3, 3));
    assertThat(report.b().rate(Metric.CITATIONS_CORRECT)).isEqualTo(new VariantSummary.Rate(0, 3));
    assertThat(report.a().rate(Metric.GROUNDED)).isEqualTo(new VariantSummary.Rate(3, 3));
    assertThat(report.b().rate(Metric.GROUNDED)).isEqualTo(new VariantSummary.Rate(0, 3));
    assertThat(report.b().rate(Metric.SCHEMA_VALID)).isEqualTo(new VariantSummary.Rate(3, 3));
    // Retrieval was held constant: every recorded passage was still there for both.
    assertThat(report.a().rate(Metric.RETRIEVAL_HIT)).isEqualTo(new VariantSummary.Rate(3, 3));
    assertThat(report.b().rate(Metric.RETRIEVAL_HIT)).isEqualTo(new VariantSummary.Rate(3, 3));
    assertThat(report.differences().get(Metric.CITATIONS_CORRECT.label())).isEqualTo(-1.0);
    assertThat(report.differences().get(Metric.VALID.label())).isEqualTo(-1.0);
    assertThat(report.differences().get("tokens in (mean)")).isPositive();
    assertThat(report.disagreements())
        .hasSize(3)
        .allSatisfy(d -> {
          assertThat(d.changes()).contains("citations within retrieved: yes -> no");
          assertThat(d.errorsB()).anyMatch(e -> e.contains(INVENTED_CHUNK));
        });
    assertThat(report.verdict().pass()).isFalse();
    assertThat(report.verdict().exitStatus()).isEqualTo(1);
    // Version 1 on the same model and passages reproduces what the tasks answered.
    for (int i = 0; i < items.size(); i++) {
      assertThat(report.items().get(i).a().output()).isEqualTo(items.get(i).recordedOutput());
      assertThat(report.items().get(i).a().prompt()).isEqualTo("support-answer@1");
      assertThat(report.items().get(i).b().prompt()).isEqualTo("support-answer@2");
    }
  }

  @Test
  void theStrongTierCostsMoreAndACostLimitRefusesIt() {
    List<EvalItem> items = EvalDataset.read(dataset, null, 0);

    EvalReport report =
        PromptEval.on(steward.context(), null)
            .run(
                "exported.jsonl",
                items,
                Variant.parse("A", "tier=small"),
                Variant.parse("B", "tier=strong"),
                new LabelGate(0, 2.0));
    ReportTable.print(report, System.out);

    assertThat(report.items())
        .allSatisfy(item -> {
          assertThat(item.a().model()).isEqualTo("eval-small");
          assertThat(item.b().model()).isEqualTo("eval-strong");
        });
    assertThat(report.b().totalCostUsd()).isGreaterThan(2 * report.a().totalCostUsd());
    assertThat(report.a().totalCostUsd()).isPositive();
    assertThat(report.verdict().pass()).isFalse();
    assertThat(report.verdict().failures()).anyMatch(f -> f.startsWith("cost rose"));
  }

  private static List<String> chunkIds(JsonNode passages) {
    return passages.valueStream().map(p -> p.path("chunkId").asString()).toList();
  }

  /** Polls the export until every task is in it: the read model follows a moment later. */
  private static Reply awaitExport(int tasks) throws Exception {
    Reply reply = null;
    for (int i = 0; i < 50; i++) {
      reply =
          send(
              "GET",
              "/v1/admin/datasets/tasks?taskType=" + PROMPT + "&status=COMPLETED",
              ENGINEER,
              null);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      if (reply.body().strip().split("\n").length >= tasks && !reply.body().isBlank()) {
        return reply;
      }
      Thread.sleep(200);
    }
    return reply;
  }

  private static void awaitStatus(String taskId, String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      Reply reply = send("GET", "/v1/tasks/" + taskId, REQUESTER, null);
      last = reply.body();
      if (reply.status() == 200) {
        String now = reply.json().path("status").asString();
        if (now.equals(status)) {
          return;
        }
        if (!now.equals("RUNNING")) {
          throw new AssertionError("task " + taskId + " ended " + now + ": " + last);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("task " + taskId + " did not reach " + status + ": " + last);
  }

  private static void awaitHealthy() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      if (send("GET", "/actuator/health", null, null).status() == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Steward did not become healthy");
  }

  private record Reply(int status, String contentType, String body, HttpResponse<String> raw) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private static Reply send(String method, String path, String key, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (key != null) {
      request.header("X-API-Key", key);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body(),
        response);
  }
}
