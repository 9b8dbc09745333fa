package dev.steward.activities.model;

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
