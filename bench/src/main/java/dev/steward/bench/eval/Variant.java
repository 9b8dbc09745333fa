package dev.steward.bench.eval;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One side of a comparison: which prompt version and which model tier the drafts use. What a
 * variant leaves unset follows the task type: its prompt's {@code production} label and its tier.
 *
 * @param name {@code A} or {@code B}, as the report names the columns
 * @param promptId null: the task type's own prompt
 * @param promptSelector a version number ({@code 2}) or a label ({@code production}); null: the
 *     {@code production} label
 * @param tier {@code small} or {@code strong}; null: the task type's tier
 */
public record Variant(String name, String promptId, String promptSelector, String tier) {

  private static final Pattern PROMPT = Pattern.compile("([A-Za-z0-9_.-]+)(?:@([a-z0-9-]+))?");
  private static final Pattern TIER = Pattern.compile("[a-z][a-z0-9-]*");

  /**
   * Reads {@code prompt=support-answer@2}, {@code tier=strong}, or both joined by a comma.
   *
   * @throws IllegalArgumentException naming what is wrong with the spec
   */
  public static Variant parse(String name, String spec) {
    String promptId = null;
    String selector = null;
    String tier = null;
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException(
          "variant " + name + " is empty: give prompt=<id>@<version|label> and/or tier=<tier>");
    }
    for (String part : spec.split(",")) {
      String[] kv = part.strip().split("=", 2);
      String key = kv[0].strip().toLowerCase(Locale.ROOT);
      String value = kv.length < 2 ? "" : kv[1].strip();
      switch (key) {
        case "prompt" -> {
          Matcher m = PROMPT.matcher(value);
          if (!m.matches()) {
            throw new IllegalArgumentException(
                "variant " + name + ": prompt must be <id>@<version|label>, got '" + value + "'");
          }
          promptId = m.group(1);
          selector = m.group(2);
        }
        case "tier" -> {
          if (!TIER.matcher(value).matches()) {
            throw new IllegalArgumentException(
                "variant "
                    + name
                    + ": tier must be a tier name such as small, got '"
                    + value
                    + "'");
          }
          tier = value;
        }
        default ->
            throw new IllegalArgumentException(
                "variant " + name + ": unknown key '" + key + "' (use prompt= and tier=)");
      }
    }
    return new Variant(name, promptId, selector, tier);
  }

  /** {@code prompt support-answer@2, tier strong}, with what is left to the task type. */
  public String describe() {
    String prompt =
        (promptId == null ? "(task type's)" : promptId)
            + "@"
            + (promptSelector == null ? "production" : promptSelector);
    return "prompt " + prompt + ", tier " + (tier == null ? "(task type's)" : tier);
  }
}
