package dev.steward.codec;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys payloads may be encrypted with, each under an id, and the one new payloads are
 * encrypted with. Rotation is adding a key and making it active: the old ones stay here, so
 * payloads written under them still decrypt.
 */
public final class CodecKeys {

  /** Key ids travel in payload metadata and configuration keys, so they stay plain. */
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final int KEY_BYTES = 32;

  private final Map<String, SecretKey> keys;
  private final String activeId;

  private CodecKeys(Map<String, SecretKey> keys, String activeId) {
    this.keys = keys;
    this.activeId = activeId;
  }

  /**
   * @param keys raw 256-bit keys by id
   * @param activeId the id new payloads are encrypted with; one of {@code keys}
   * @throws IllegalArgumentException for an empty ring, a malformed id, a key that is not 32 bytes
   *     or an active id that names no key
   */
  public static CodecKeys of(Map<String, byte[]> keys, String activeId) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no payload encryption key is configured");
    }
    Map<String, SecretKey> ring = new LinkedHashMap<>();
    keys.forEach((id, raw) -> {
      if (!isValidId(id)) {
        throw new IllegalArgumentException(
            "payload encryption key id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
      }
      if (raw == null || raw.length != KEY_BYTES) {
        throw new IllegalArgumentException(
            "payload encryption key '"
                + id
                + "' must be 256 bits (32 bytes, base64-encoded), not "
                + (raw == null ? 0 : raw.length)
                + " bytes");
      }
      ring.put(id, new SecretKeySpec(Arrays.copyOf(raw, raw.length), "AES"));
    });
    if (activeId == null || !ring.containsKey(activeId)) {
      throw new IllegalArgumentException(
          "the active payload encryption key '"
              + activeId
              + "' is not among the configured keys "
              + ring.keySet());
    }
    return new CodecKeys(Collections.unmodifiableMap(ring), activeId);
  }

  public static boolean isValidId(String id) {
    return id != null && KEY_ID.matcher(id).matches();
  }

  public String activeId() {
    return activeId;
  }

  SecretKey active() {
    return keys.get(activeId);
  }

  Optional<SecretKey> find(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  /** Every id that decrypts, the active one included. */
  public Set<String> ids() {
    return keys.keySet();
  }
}
