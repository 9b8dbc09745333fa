package dev.steward.bench;

import dev.steward.workflows.task.TaskStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Steward's public REST API as one API key sees it: real HTTP requests, JSON replies. */
final class StewardApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String key;

  StewardApi(int port, String key) {
    this.base = "http://localhost:" + port;
    this.key = key;
  }

  /** {@code POST /v1/documents}; returns the accepted document id. */
  String uploadDocument(CorpusDocument document) {
    JsonNode accepted =
        post(
            "/v1/documents",
            Map.of(
                "documentId", document.documentId(),
                "title", document.title(),
                "contentType", "text/markdown",
                "content", document.content()),
            null);
    return accepted.path("documentId").asString();
  }

  /** {@code GET /v1/documents/{id}}: state and chunk counts. */
  JsonNode documentStatus(String documentId) {
    return get("/v1/documents/" + documentId);
  }

  /** {@code POST /v1/tasks}; returns the task id. */
  String startTask(String type, Map<String, Object> input, String idempotencyKey) {
    return post("/v1/tasks", Map.of("type", type, "input", input), idempotencyKey)
        .path("taskId")
        .asString();
  }

  /** Polls {@code GET /v1/tasks/{id}} until the task has finished, whichever way. */
  JsonNode awaitTask(String taskId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode task = get("/v1/tasks/" + taskId);
      if (TaskStatus.valueOf(task.path("status").asString()).isFinal()) {
        return task;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("task " + taskId + " did not finish in " + timeout);
  }

  static void awaitHealthy(int port, Duration timeout) throws InterruptedException {
    StewardApi anonymous = new StewardApi(port, null);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (anonymous.send(anonymous.request("/actuator/health").GET().build()).statusCode() == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Steward did not become healthy in " + timeout);
  }

  private JsonNode get(String path) {
    return json(send(request(path).GET().build()));
  }

  private JsonNode post(String path, Object body, String idempotencyKey) {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return json(send(b.build()));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    return key == null ? b : b.header("X-API-Key", key);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.uri(), e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("request failed: " + request.uri(), e);
    }
  }

  private static JsonNode json(HttpResponse<String> response) {
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.request().uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return JSON.readTree(response.body());
  }
}
