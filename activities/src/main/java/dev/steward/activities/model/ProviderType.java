package dev.steward.activities.model;

/**
 * The kinds of provider Steward can talk to, and what differs between them beyond the wire format.
 */
public enum ProviderType {
  OPENAI(true, true, true),
  /** vLLM, llama.cpp's server, LM Studio and others speaking OpenAI's chat completions. */
  OPENAI_COMPATIBLE(true, false, true),
  /** Anthropic has no schema-less JSON mode: its replies are instructed, validated and repaired. */
  ANTHROPIC(false, true, false),
  OLLAMA(true, false, false),
  GEMINI(true, true, false);

  private final boolean jsonMode;
  private final boolean needsKey;
  private final boolean streams;

  ProviderType(boolean jsonMode, boolean needsKey, boolean streams) {
    this.jsonMode = jsonMode;
    this.needsKey = needsKey;
    this.streams = streams;
  }

  /** Whether the provider has a JSON output mode, unless configuration says otherwise. */
  public boolean jsonModeByDefault() {
    return jsonMode;
  }

  public boolean needsKey() {
    return needsKey;
  }

  /** Whether Steward can receive this provider's replies as a stream ({@code stream: true}). */
  public boolean streams() {
    return streams;
  }
}
