package dev.steward.activities.model;

/**
 * The kinds of provider Steward can talk to, and what differs between them beyond the wire format.
 */
public enum ProviderType {
  OPENAI(true, true),
  /** vLLM, llama.cpp's server, LM Studio and others speaking OpenAI's chat completions. */
  OPENAI_COMPATIBLE(true, false),
  /** Anthropic has no schema-less JSON mode: its replies are instructed, validated and repaired. */
  ANTHROPIC(false, true),
  OLLAMA(true, false),
  GEMINI(true, true);

  private final boolean jsonMode;
  private final boolean needsKey;

  ProviderType(boolean jsonMode, boolean needsKey) {
    this.jsonMode = jsonMode;
    this.needsKey = needsKey;
  }

  /** Whether the provider has a JSON output mode, unless configuration says otherwise. */
  public boolean jsonModeByDefault() {
    return jsonMode;
  }

  public boolean needsKey() {
    return needsKey;
  }
}
