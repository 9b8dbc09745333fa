package dev.steward.codec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assembles the key ring from configuration: the configured keys, or, when none are, a key
 * generated once into a file of the data dir (the embedded default, which needs no setup). A
 * generated key that exists stays readable after keys are configured, so moving from the embedded
 * default to configured keys loses no payload.
 */
final class CodecKeySource {

  private CodecKeySource() {}

  /**
   * @param defaultKeyFile where the embedded default keeps its generated key, or null when there is
   *     no data dir (then keys must be configured)
   */
  static CodecKeys load(CodecProperties properties, Path defaultKeyFile) {
    Map<String, byte[]> ring = new LinkedHashMap<>();
    properties.keys().forEach((id, base64) -> ring.put(id, decode(id, base64)));
    Path keyFile = properties.keyFile() != null ? properties.keyFile() : defaultKeyFile;
    if (ring.isEmpty()) {
      if (keyFile == null) {
        throw new IllegalStateException(
            "no payload encryption key is configured: set steward.codec.keys.<id> to the base64 of"
                + " 32 random bytes (e.g. `openssl rand -base64 32`) and steward.codec.active-key"
                + " to its id, the same in the API and every worker; or set"
                + " steward.codec.enabled=false to store payloads in plaintext");
      }
      GeneratedKey generated = GeneratedKey.readOrCreate(keyFile);
      ring.put(generated.id(), generated.key());
      return CodecKeys.of(
          ring, properties.activeKey() != null ? properties.activeKey() : generated.id());
    }
    if (keyFile != null && Files.exists(keyFile)) {
      GeneratedKey generated = GeneratedKey.read(keyFile);
      ring.putIfAbsent(generated.id(), generated.key());
    }
    return CodecKeys.of(ring, activeId(properties));
  }

  private static String activeId(CodecProperties properties) {
    if (properties.activeKey() != null) {
      return properties.activeKey();
    }
    if (properties.keys().size() == 1) {
      return properties.keys().keySet().iterator().next();
    }
    throw new IllegalStateException(
        "several payload encryption keys are configured "
            + properties.keys().keySet()
            + ": set steward.codec.active-key to the one new payloads are encrypted with");
  }

  private static byte[] decode(String id, String base64) {
    try {
      return Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
    } catch (IllegalArgumentException e) {
      // The message never quotes the value: it is a secret.
      throw new IllegalArgumentException(
          "steward.codec.keys." + id + " is not base64 (expected 32 random bytes, base64-encoded)");
    }
  }
}
