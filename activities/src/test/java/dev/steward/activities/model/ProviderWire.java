package dev.steward.activities.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Response bodies in each provider's wire format, as their APIs send them. */
final class ProviderWire {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProviderWire() {}

  static String openAi(String model, String content, int promptTokens, int completionTokens) {
    return JSON.writeValueAsString(
        Map.of(
            "id",
            "chatcmpl-9x1",
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
            Map.of(
                "prompt_tokens", promptTokens,
                "completion_tokens", completionTokens,
                "total_tokens", promptTokens + completionTokens)));
  }

  /**
   * An OpenAI chat completions stream as server-sent events: a role chunk, one chunk per piece of
   * content, a finish chunk, the usage chunk ({@code stream_options.include_usage}) and {@code
   * [DONE]}.
   */
  static String openAiStream(
      String model, List<String> pieces, int promptTokens, int completionTokens) {
    return openAiStreamEvents(model, pieces, promptTokens, completionTokens) + "data: [DONE]\n\n";
  }

  /** As {@link #openAiStream} but without the final {@code [DONE]}, and without usage if null. */
  static String openAiStreamEvents(
      String model, List<String> pieces, Integer promptTokens, Integer completionTokens) {
    StringBuilder sse = new StringBuilder();
    sse.append(chunk(model, Map.of("role", "assistant", "content", ""), null));
    pieces.forEach(p -> sse.append(chunk(model, Map.of("content", p), null)));
    sse.append(chunk(model, Map.of(), "stop"));
    if (promptTokens != null) {
      Map<String, Object> usage = new LinkedHashMap<>();
      usage.put("id", "chatcmpl-9x2");
      usage.put("object", "chat.completion.chunk");
      usage.put("created", 1_760_000_000);
      usage.put("model", model);
      usage.put("choices", List.of());
      usage.put(
          "usage",
          Map.of(
              "prompt_tokens", promptTokens,
              "completion_tokens", completionTokens,
              "total_tokens", promptTokens + completionTokens));
      sse.append("data: ").append(JSON.writeValueAsString(usage)).append("\n\n");
    }
    return sse.toString();
  }

  private static String chunk(String model, Map<String, Object> delta, String finishReason) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", finishReason);
    Map<String, Object> chunk = new LinkedHashMap<>();
    chunk.put("id", "chatcmpl-9x2");
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", 1_760_000_000);
    chunk.put("model", model);
    chunk.put("choices", List.of(choice));
    chunk.put("usage", null);
    return "data: " + JSON.writeValueAsString(chunk) + "\n\n";
  }

  static String openAiError(String type, String code, String message) {
    return JSON.writeValueAsString(
        Map.of("error", Map.of("message", message, "type", type, "code", code)));
  }

  static String anthropic(String model, String text, int inputTokens, int outputTokens) {
    return JSON.writeValueAsString(
        Map.of(
            "id", "msg_01",
            "type", "message",
            "role", "assistant",
            "model", model,
            "content", List.of(Map.of("type", "text", "text", text)),
            "stop_reason", "end_turn",
            "usage", Map.of("input_tokens", inputTokens, "output_tokens", outputTokens)));
  }

  static String ollama(String model, String content, int promptEval, int eval) {
    return JSON.writeValueAsString(
        Map.of(
            "model",
            model,
            "created_at",
            "2026-11-27T10:00:00.000Z",
            "message",
            Map.of("role", "assistant", "content", content),
            "done",
            true,
            "done_reason",
            "stop",
            "total_duration",
            912_000_000L,
            "prompt_eval_count",
            promptEval,
            "eval_count",
            eval));
  }
}
