package dev.steward.activities.model;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds and caches one LangChain4j {@link ChatModel} per chain entry, from configuration only. The
 * one place that knows each provider type's builder. LangChain4j's own retries are off: fallback
 * and retries are the gateway's and Temporal's job. A provider with {@code stream: true} gets a
 * streaming model, gathered into one reply ({@link StreamedChatModel}).
 */
public class ChatModelFactory {

  /** What a provider's builder needs besides the model name. */
  private record Endpoint(
      ModelProperties.Provider settings, String apiKey, ProviderHttpClient.Builder http) {}

  private interface Builder {
    ChatModel build(Endpoint endpoint, String model);
  }

  /** The data of the event that ends an OpenAI chat completions stream. */
  static final String OPENAI_STREAM_END = "[DONE]";

  private static final Map<ProviderType, Builder> BUILDERS = new EnumMap<>(ProviderType.class);

  static {
    BUILDERS.put(ProviderType.OPENAI, ChatModelFactory::openAi);
    BUILDERS.put(ProviderType.OPENAI_COMPATIBLE, ChatModelFactory::openAi);
    BUILDERS.put(
        ProviderType.ANTHROPIC,
        (e, model) ->
            AnthropicChatModel.builder()
                .httpClientBuilder(e.http())
                .baseUrl(e.settings().baseUrl())
                .apiKey(e.apiKey())
                .modelName(model)
                .timeout(e.settings().timeout())
                .maxRetries(0)
                .build());
    BUILDERS.put(
        ProviderType.OLLAMA,
        (e, model) ->
            OllamaChatModel.builder()
                .httpClientBuilder(e.http())
                .baseUrl(
                    e.settings().baseUrl() == null
                        ? "http://localhost:11434"
                        : e.settings().baseUrl())
                .modelName(model)
                .timeout(e.settings().timeout())
                .maxRetries(0)
                .build());
    BUILDERS.put(
        ProviderType.GEMINI,
        (e, model) ->
            GoogleAiGeminiChatModel.builder()
                .httpClientBuilder(e.http())
                .baseUrl(e.settings().baseUrl())
                .apiKey(e.apiKey())
                .modelName(model)
                .timeout(e.settings().timeout())
                .maxRetries(0)
                .build());
  }

  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final Map<String, ChatModel> models = new ConcurrentHashMap<>();

  /**
   * @param environment reads an environment variable ({@code System::getenv} in production)
   * @throws IllegalStateException when a provider that needs a key has none in the environment
   */
  public ChatModelFactory(ModelProperties properties, Function<String, String> environment) {
    properties
        .providers()
        .forEach((name, settings) -> {
          String key =
              settings.apiKeyEnv() == null ? null : environment.apply(settings.apiKeyEnv());
          if (settings.type().needsKey() && (key == null || key.isBlank())) {
            throw new IllegalStateException(
                "model provider '"
                    + name
                    + "' needs an API key in the environment variable named by"
                    + " steward.models.providers."
                    + name
                    + ".api-key-env"
                    + (settings.apiKeyEnv() == null
                        ? " (not set)"
                        : " (" + settings.apiKeyEnv() + " is empty)"));
          }
          ProviderHttpClient.Builder http =
              ProviderHttpClient.builder()
                  .connectTimeout(settings.connectTimeout())
                  .readTimeout(settings.timeout());
          endpoints.put(name, new Endpoint(settings, key, http));
        });
  }

  public ChatModel model(ModelTarget target) {
    return models.computeIfAbsent(
        target.id(),
        id -> {
          Endpoint endpoint = endpoints.get(target.provider());
          return BUILDERS.get(endpoint.settings().type()).build(endpoint, target.model());
        });
  }

  private static ChatModel openAi(Endpoint e, String model) {
    if (e.settings().stream()) {
      // OpenAiStreamingChatModel always asks for stream_options.include_usage, so the last chunk
      // before [DONE] carries the token usage.
      return new StreamedChatModel(
          OpenAiStreamingChatModel.builder()
              .httpClientBuilder(e.http().streamEnd(OPENAI_STREAM_END))
              .baseUrl(e.settings().baseUrl())
              .apiKey(e.apiKey() == null ? "none" : e.apiKey())
              .modelName(model)
              .timeout(e.settings().timeout())
              .build(),
          e.settings().timeout().multipliedBy(10));
    }
    return OpenAiChatModel.builder()
        .httpClientBuilder(e.http())
        .baseUrl(e.settings().baseUrl())
        // Servers that need no key still expect the header to be well formed.
        .apiKey(e.apiKey() == null ? "none" : e.apiKey())
        .modelName(model)
        .timeout(e.settings().timeout())
        .maxRetries(0)
        .build();
  }
}
