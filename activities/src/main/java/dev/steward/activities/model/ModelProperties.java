package dev.steward.activities.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Model providers, tiers and prices ({@code steward.models.*}). With no provider configured the
 * offline model answers. Keys are never written here: a provider names the environment variable
 * that holds its key.
 *
 * @param providers by name; the name is the first half of a chain entry {@code provider/model}
 * @param tiers tier ({@code small}, {@code strong}) to its fallback chain, tried in order
 * @param steps step ({@code classify}, {@code reason}) to a chain that replaces the tier's one
 * @param taskTypes per task type overrides of tiers and steps
 * @param prices additions to and overrides of the bundled price table
 * @param retryAfterCap the longest Retry-After of a 429 that is waited out before moving on
 */
@ConfigurationProperties("steward.models")
public record ModelProperties(
    Map<String, Provider> providers,
    Map<String, List<String>> tiers,
    Map<String, List<String>> steps,
    Map<String, Routes> taskTypes,
    List<ModelPrice> prices,
    Duration retryAfterCap) {

  public ModelProperties {
    providers = providers == null ? Map.of() : Map.copyOf(providers);
    tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
    steps = steps == null ? Map.of() : Map.copyOf(steps);
    taskTypes = taskTypes == null ? Map.of() : Map.copyOf(taskTypes);
    prices = prices == null ? List.of() : List.copyOf(prices);
    retryAfterCap = retryAfterCap == null ? Duration.ofSeconds(10) : retryAfterCap;
  }

  /**
   * One provider endpoint.
   *
   * @param baseUrl the API's base URL; the provider's public endpoint when empty
   * @param apiKeyEnv name of the environment variable holding the key (never the key itself)
   * @param jsonMode ask for JSON output with the provider's JSON mode; defaults by type
   * @param maxContextTokens context window of its models, unless a model says otherwise
   * @param maxOutputTokens cap on the reply's tokens, also used for the cost estimate
   * @param models per model settings; a chain may name models not listed here
   * @param stream receive the reply as server-sent chunks (OpenAI and compatible servers only)
   */
  public record Provider(
      ProviderType type,
      String baseUrl,
      String apiKeyEnv,
      Duration timeout,
      Duration connectTimeout,
      Boolean jsonMode,
      Integer maxContextTokens,
      Integer maxOutputTokens,
      List<Model> models,
      boolean stream) {

    @ConstructorBinding
    public Provider {
      timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
      connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
      maxOutputTokens = maxOutputTokens == null ? 1024 : maxOutputTokens;
      models = models == null ? List.of() : List.copyOf(models);
      if (stream && type != null && !type.streams()) {
        throw new IllegalArgumentException(
            "stream: true is supported for providers of type openai and openai-compatible, not "
                + type);
      }
    }

    /** A provider answering in one piece. */
    public Provider(
        ProviderType type,
        String baseUrl,
        String apiKeyEnv,
        Duration timeout,
        Duration connectTimeout,
        Boolean jsonMode,
        Integer maxContextTokens,
        Integer maxOutputTokens,
        List<Model> models) {
      this(
          type,
          baseUrl,
          apiKeyEnv,
          timeout,
          connectTimeout,
          jsonMode,
          maxContextTokens,
          maxOutputTokens,
          models,
          false);
    }
  }

  /** Settings of one model of a provider. */
  public record Model(String name, Integer maxContextTokens, Integer maxOutputTokens) {}

  /** A task type's own chains: by tier, and by step. */
  public record Routes(Map<String, List<String>> tiers, Map<String, List<String>> steps) {
    public Routes {
      tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
      steps = steps == null ? Map.of() : Map.copyOf(steps);
    }
  }
}
