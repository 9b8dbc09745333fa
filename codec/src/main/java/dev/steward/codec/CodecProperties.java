package dev.steward.codec;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Payload encryption settings ({@code steward.codec.*}). Keys come from the environment in
 * production, e.g. {@code STEWARD_CODEC_KEYS_K2026A=<base64>} and {@code
 * STEWARD_CODEC_ACTIVE_KEY=k2026a}; never from a file in the repository.
 *
 * @param enabled false stores payloads in plaintext (and reads encrypted ones no more)
 * @param keys base64 256-bit keys by id (lower-case letters, digits, '.', '_', '-'); every key here
 *     decrypts, so rotation is adding a key and making it active
 * @param activeKey the id new payloads are encrypted with; may be left out when there is one key
 * @param encryptFailures whether failure messages and stack traces are encrypted too (they can
 *     quote a model's answer or a task's input)
 * @param keyFile where a key is generated on first start when no keys are configured; defaults to
 *     {@code <steward.data-dir>/codec/payload-key.properties} in the embedded default
 */
@ConfigurationProperties("steward.codec")
public record CodecProperties(
    Boolean enabled,
    Map<String, String> keys,
    String activeKey,
    Boolean encryptFailures,
    Path keyFile) {

  public CodecProperties {
    enabled = enabled == null || enabled;
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    activeKey = activeKey == null || activeKey.isBlank() ? null : activeKey.strip();
    encryptFailures = encryptFailures == null || encryptFailures;
  }
}
