package dev.steward.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model provider speaking OpenAI's chat completions, which counts every call by task and step.
 * Each task carries a tag ({@code E2E-...}) in its input, so the prompt names the task. Its answers
 * are valid for the task types: the classification JSON, a support answer or refund decision whose
 * text is a sentence of the first passage in the prompt, citing that passage's chunk id.
 */
final class CountingModelProvider implements AutoCloseable {

  static final String CLASSIFY = "ClassifyTask";
  static final String DRAFT = "DraftOutput";

  private static final Pattern TAG = Pattern.compile("E2E-[a-z]+(?:-[a-z]+)*");
  private static final Pattern CHUNK_ID = Pattern.compile("acme:([A-Za-z0-9_-]+)#\\d+");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CLASSIFICATION =
      "{\"complexity\":\"simple\",\"risk\":\"low\",\"rationale\":\"One policy settles it.\"}";

  /**
   * One request. {@code answered} is false when the reply could not be written (the worker that
   * asked had died); {@code answeredAtMillis} is when the last byte was handed to the socket. A
   * {@code repair} is a draft asked again after validation rejected the previous one: a new attempt
   * of the step, not a repeat.
   */
  record Call(
      String tag,
      String step,
      long receivedAtMillis,
      long answeredAtMillis,
      boolean answered,
      boolean repair) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private final Map<String, String> claims;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Double> refunds = new ConcurrentHashMap<>();
  private final Map<String, Duration> delays = new ConcurrentHashMap<>();
  private final Map<String, Long> lastReceived = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /**
   * @param claims for each document id, a sentence it states word for word: what a grounded answer
   *     citing it says
   */
  CountingModelProvider(Map<String, String> claims) {
    this.claims = Map.copyOf(claims);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/v1/chat/completions", this::answer);
    server.start();
  }

  /** The base URL to configure, e.g. {@code http://127.0.0.1:40123/v1}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The task tagged {@code tag} is a refund request; its decision refunds {@code amount}. */
  void refund(String tag, double amount) {
    refunds.put(tag, amount);
  }

  /** Drafts for {@code tag} are answered only after {@code delay}: a slow model. */
  void slowDrafts(String tag, Duration delay) {
    delays.put(tag, delay);
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(String tag, String step) {
    return calls.stream().filter(c -> c.tag().equals(tag) && c.step().equals(step)).toList();
  }

  /** When the provider last received a request for this task and step, answered or not yet. */
  Optional<Long> lastReceived(String tag, String step) {
    return Optional.ofNullable(lastReceived.get(tag + "|" + step));
  }

  /** Calls whose answer was delivered (written to the socket) for this task and step. */
  long answered(String tag, String step) {
    return calls(tag, step).stream().filter(Call::answered).count();
  }

  private void answer(HttpExchange exchange) throws IOException {
    long received = System.currentTimeMillis();
    JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String system = request.path("messages").path(0).path("content").asString("");
    String user = request.path("messages").path(1).path("content").asString("");
    String step = system.contains("You triage") ? CLASSIFY : DRAFT;
    Matcher tagMatcher = TAG.matcher(user);
    String tag = tagMatcher.find() ? tagMatcher.group() : "untagged";

    lastReceived.put(tag + "|" + step, received);
    Duration delay = step.equals(DRAFT) ? delays.get(tag) : null;
    if (delay != null) {
      sleep(delay);
    }
    String content = step.equals(CLASSIFY) ? CLASSIFICATION : draft(tag, user);
    byte[] body = JSON.writeValueAsBytes(completion(request.path("model").asString(""), content));
    boolean answered;
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      out.write(body);
      answered = true;
    } catch (IOException e) {
      answered = false;
    }
    boolean repair = user.contains("previous reply was rejected");
    calls.add(new Call(tag, step, received, System.currentTimeMillis(), answered, repair));
  }

  private String draft(String tag, String user) {
    Matcher chunk = CHUNK_ID.matcher(user);
    if (!chunk.find()) {
      return JSON.writeValueAsString(
          Map.of("answer", "The help center does not say.", "citations", List.of()));
    }
    String claim = claims.getOrDefault(chunk.group(1), "The help center does not say.");
    List<String> citations = List.of(chunk.group());
    Double refund = refunds.get(tag);
    if (refund == null) {
      return JSON.writeValueAsString(Map.of("answer", claim, "citations", citations));
    }
    return JSON.writeValueAsString(
        Map.of(
            "decision", "refund",
            "refundAmount", refund,
            "rationale", claim,
            "citations", citations));
  }

  private Map<String, Object> completion(String model, String content) {
    return Map.of(
        "id",
        "chatcmpl-" + ids.incrementAndGet(),
        "object",
        "chat.completion",
        "created",
        System.currentTimeMillis() / 1000,
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
        Map.of("prompt_tokens", 400, "completion_tokens", 40, "total_tokens", 440));
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every call, one line each: for the test report when an assertion fails. */
  String describe(String tag) {
    List<String> lines = new ArrayList<>();
    for (Call c : calls) {
      if (c.tag().equals(tag)) {
        lines.add(c.toString());
      }
    }
    return String.join("\n", lines);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
