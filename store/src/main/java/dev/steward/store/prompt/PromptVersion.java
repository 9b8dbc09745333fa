package dev.steward.store.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One version of a prompt template, stored once and never overwritten: a task pinned to {@code
 * promptId@version} renders the same text on every retry and replay.
 *
 * @param system the system message template
 * @param user the user message template ({@code {{variable}}} syntax)
 * @param note why this version exists (a changelog line)
 * @param createdBy who created it: an admin's name, or {@link #BUNDLED} for a task type's template
 * @param contentHash {@link #hash(String, String)} of the templates, to tell a changed bundled
 *     template from the stored version of the same number
 */
public record PromptVersion(
    String promptId,
    int version,
    String system,
    String user,
    String note,
    String createdBy,
    Instant createdAt,
    String contentHash) {

  /** {@code createdBy} of the versions seeded from the task types' YAML. */
  public static final String BUNDLED = "bundled";

  /** A version with its content hash computed from its templates. */
  public static PromptVersion of(
      String promptId,
      int version,
      String system,
      String user,
      String note,
      String createdBy,
      Instant createdAt) {
    return new PromptVersion(
        promptId, version, system, user, note, createdBy, createdAt, hash(system, user));
  }

  /** {@code sha256:<hex>} over both templates; a NUL separates them, which neither may contain. */
  public static String hash(String system, String user) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(system.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** {@code support-answer@2}: how traces, metrics and search attributes name a version. */
  public String ref() {
    return ref(promptId, version);
  }

  static String ref(String promptId, int version) {
    return promptId + "@" + version;
  }
}
