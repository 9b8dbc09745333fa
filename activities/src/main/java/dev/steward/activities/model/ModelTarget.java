package dev.steward.activities.model;

/**
 * One entry of a fallback chain, resolved against its provider's settings.
 *
 * @param maxContextTokens the context window, or 0 when unknown
 */
public record ModelTarget(
    String provider,
    ProviderType type,
    String model,
    int maxContextTokens,
    int maxOutputTokens,
    boolean jsonMode) {

  /** The chain entry as written in configuration: {@code provider/model}. */
  public String id() {
    return provider + "/" + model;
  }
}
