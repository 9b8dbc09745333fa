package dev.steward.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Steward's REST API over real HTTP, as a requester, an approver and an admin use it. */
final class StewardApi {

  static final String REQUESTER = "demo-requester-key";
  static final String APPROVER = "demo-approver-key";
  static final String ADMIN = "demo-admin-key";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  StewardApi(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  record Reply(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  Reply get(String path, String key) {
    return send(request(path, key).GET().build());
  }

  Reply post(String path, String key, Object body, String idempotencyKey) {
    HttpRequest.Builder b =
        request(path, key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return send(b.build());
  }

  /**
   * Starts a task whose idempotency key is {@code key}, so its id is {@code acme.<key>}.
   *
   * @return the task id
   */
  String startTask(String type, Map<String, Object> input, String key) {
    Reply reply = post("/v1/tasks", REQUESTER, Map.of("type", type, "input", input), key);
    if (reply.status() != 202) {
      throw new AssertionError("task " + key + " was not accepted: " + reply);
    }
    return reply.json().path("taskId").asString();
  }

  JsonNode task(String taskId) {
    Reply reply = get("/v1/tasks/" + taskId, REQUESTER);
    if (reply.status() != 200) {
      throw new AssertionError("cannot read task " + taskId + ": " + reply);
    }
    return reply.json();
  }

  /** Approves the task's pending action, as the demo approver, naming the hash it was shown. */
  Reply approve(String taskId, String actionHash) {
    return post(
        "/v1/tasks/" + taskId + "/decision",
        APPROVER,
        Map.of(
            "verdict", "APPROVE", "comment", "checked by the e2e suite", "actionHash", actionHash),
        null);
  }

  /** The approver's inbox: tasks awaiting approval, from the read model. */
  JsonNode approvals() {
    Reply reply = get("/v1/approvals", APPROVER);
    if (reply.status() != 200) {
      throw new AssertionError("cannot read the approval inbox: " + reply);
    }
    return reply.json().path("approvals");
  }

  boolean healthy() {
    try {
      return get("/actuator/health", null).status() == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return b;
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("request failed: " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
