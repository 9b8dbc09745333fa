package dev.steward.bench.eval;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server on the loopback interface speaking OpenAI's chat completions wire format (replies in one
 * piece), for evaluations where no provider is reachable: Steward's model gateway calls it over
 * real HTTP as it calls any {@code openai-compatible} provider, and a {@link ChatResponder} writes
 * each reply. Token usage is reported as a quarter of the characters, OpenAI's rule of thumb.
 */
public final class LocalChatServer implements AutoCloseable {

  /** The path OpenAI-compatible clients post to, below the base URL. */
  static final String COMPLETIONS = "/v1/chat/completions";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One chat request as the responder sees it: the model asked for and the two messages. */
  public record ChatRequest(String model, String system, String user) {}

  /** Writes the assistant's reply to a request. */
  @FunctionalInterface
  public interface ChatResponder {
    String reply(ChatRequest request);
  }

  /** A model's price in US dollars per million tokens, for the price table. */
  public record Price(String model, String inputPerMillion, String outputPerMillion) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final ChatResponder responder;
  private final AtomicInteger requests = new AtomicInteger();

  private LocalChatServer(HttpServer server, ExecutorService executor, ChatResponder responder) {
    this.server = server;
    this.executor = executor;
    this.responder = responder;
  }

  /** Starts on a free port of the loopback interface. */
  public static LocalChatServer start(ChatResponder responder) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    LocalChatServer local = new LocalChatServer(server, executor, responder);
    server.createContext(COMPLETIONS, local::handle);
    server.setExecutor(executor);
    server.start();
    return local;
  }

  /** The base URL to configure as the provider's {@code base-url}. */
  public String baseUrl() {
    return "http://"
        + server.getAddress().getHostString()
        + ":"
        + server.getAddress().getPort()
        + "/v1";
  }

  /** Chat requests answered so far. */
  public int requests() {
    return requests.get();
  }

  /**
   * The {@code steward.models.*} properties that make this server the provider of both tiers.
   *
   * @param models tier ({@code small}, {@code strong}) to the model name asked for on that tier
   */
  public Map<String, Object> springProperties(
      String provider, Map<String, String> models, List<Price> prices) {
    Map<String, Object> properties = new LinkedHashMap<>();
    String prefix = "steward.models.providers." + provider;
    properties.put(prefix + ".type", "openai-compatible");
    properties.put(prefix + ".base-url", baseUrl());
    properties.put(prefix + ".timeout", "30s");
    models.forEach((tier, model) ->
        properties.put("steward.models.tiers." + tier + "[0]", provider + "/" + model));
    for (int i = 0; i < prices.size(); i++) {
      String price = "steward.models.prices[" + i + "].";
      properties.put(price + "model", prices.get(i).model());
      properties.put(price + "input-per-million", prices.get(i).inputPerMillion());
      properties.put(price + "output-per-million", prices.get(i).outputPerMillion());
    }
    return properties;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, 405, error("only POST is served here", "invalid_request_error"));
        return;
      }
      JsonNode body;
      try {
        body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      } catch (JacksonException e) {
        send(exchange, 400, error("the body is not JSON", "invalid_request_error"));
        return;
      }
      ChatRequest request =
          new ChatRequest(
              body.path("model").asString(""), message(body, "system"), message(body, "user"));
      String content;
      try {
        content = responder.reply(request);
      } catch (RuntimeException e) {
        send(exchange, 500, error(String.valueOf(e.getMessage()), "server_error"));
        return;
      }
      int n = requests.incrementAndGet();
      int promptTokens = tokens(request.system()) + tokens(request.user());
      int completionTokens = tokens(content);
      send(
          exchange,
          200,
          Map.of(
              "id",
              "chatcmpl-local-" + n,
              "object",
              "chat.completion",
              "created",
              System.currentTimeMillis() / 1000,
              "model",
              request.model(),
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
              Map.of(
                  "prompt_tokens", promptTokens,
                  "completion_tokens", completionTokens,
                  "total_tokens", promptTokens + completionTokens)));
    }
  }

  /** The text of the request's messages of a role, joined; content may be a string or parts. */
  private static String message(JsonNode body, String role) {
    StringBuilder text = new StringBuilder();
    for (JsonNode message : body.path("messages")) {
      if (!role.equals(message.path("role").asString(""))) {
        continue;
      }
      JsonNode content = message.path("content");
      if (content.isArray()) {
        content.forEach(part -> text.append(part.path("text").asString("")));
      } else {
        text.append(content.asString(""));
      }
    }
    return text.toString();
  }

  static int tokens(String text) {
    return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
  }

  private static Map<String, Object> error(String message, String type) {
    return Map.of("error", Map.of("message", message, "type", type, "code", type));
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
