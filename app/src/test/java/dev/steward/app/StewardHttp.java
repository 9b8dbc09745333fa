package dev.steward.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the end-to-end tests: real requests against the running API. */
final class StewardHttp {

  static final String REQUESTER = "demo-requester-key";
  static final String APPROVER = "demo-approver-key";
  static final String ADMIN = "demo-admin-key";
  static final String OTHER_TENANT_REQUESTER = "globex-requester-key";
  static final String OTHER_TENANT_APPROVER = "globex-approver-key";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  StewardHttp(int port) {
    this.base = "http://localhost:" + port;
  }

  record Reply(int status, String contentType, String body, String location) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  Reply get(String path, String key) {
    return send(request(path, key).GET().build());
  }

  Reply post(String path, String key, String json) {
    return post(path, key, json, null);
  }

  Reply post(String path, String key, String json, String idempotencyKey) {
    HttpRequest.Builder b =
        request(path, key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return send(b.build());
  }

  /** Polls a task until its status satisfies {@code done}; fails after {@code timeout}. */
  JsonNode awaitTask(String taskId, String key, Predicate<String> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      Reply reply = get("/v1/tasks/" + taskId, key);
      if (reply.status() == 200) {
        last = reply.json();
        if (done.test(last.path("status").asString())) {
          return last;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("task " + taskId + " did not reach the expected status: " + last);
  }

  /**
   * Polls a list endpoint until its body contains {@code text}: lists come from the task read
   * model, which follows the workflow's state a moment later.
   */
  Reply awaitListing(String path, String key, String text) throws InterruptedException {
    return awaitListing(path, key, text, 50);
  }

  /** As {@link #awaitListing(String, String, String)}, polling up to {@code polls} times. */
  Reply awaitListing(String path, String key, String text, int polls) throws InterruptedException {
    Reply reply = get(path, key);
    for (int i = 0; i < polls && !reply.body().contains(text); i++) {
      Thread.sleep(100);
      reply = get(path, key);
    }
    return reply;
  }

  /** Waits until {@code /actuator/health} says UP (the demo corpus is indexed). */
  void awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (get("/actuator/health", null).status() == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Steward not healthy: " + get("/actuator/health", null).body());
  }

  private HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return b;
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(""),
          r.body(),
          r.headers().firstValue("Location").orElse(null));
    } catch (Exception e) {
      throw new AssertionError("request failed: " + request.uri(), e);
    }
  }
}
