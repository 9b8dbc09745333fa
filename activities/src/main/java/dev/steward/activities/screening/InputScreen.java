package dev.steward.activities.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * First-line input checks: size, encoding, and phrases typical of prompt injection. Pure and cheap;
 * a learned screen can sit beside it.
 */
public final class InputScreen {

  private static final List<Pattern> INJECTION_RULES =
      List.of(
          Pattern.compile(
              "\\b(ignore|disregard|forget)\\b.{0,40}\\b(previous|prior|above|earlier|all)\\b.{0,20}\\b(instructions?|rules|prompts?|directions)",
              Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "\\b(reveal|print|show|repeat|output)\\b.{0,30}\\b(system|hidden|initial)\\s+(prompt|instructions?|message)",
              Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "\\byou are (now|no longer)\\b.{0,40}\\b(dan|unrestricted|jailbroken|developer mode)",
              Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "\\b(new|updated|override)\\s+(system\\s+)?instructions?\\s*:",
              Pattern.CASE_INSENSITIVE));

  private InputScreen() {}

  /** The reasons to block this input; empty when it may proceed. */
  public static List<String> findings(Map<String, Object> input, int maxChars) {
    List<String> findings = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    collect(input, all);
    if (all.length() > maxChars) {
      findings.add("input is " + all.length() + " characters; the limit is " + maxChars);
    }
    if (hasUnsafeCharacters(all)) {
      findings.add("input contains control characters or malformed Unicode");
    }
    for (Pattern rule : INJECTION_RULES) {
      if (rule.matcher(all).find()) {
        findings.add("input contains instructions aimed at the assistant (prompt injection)");
        break;
      }
    }
    return findings;
  }

  private static void collect(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, out));
    } else if (value instanceof Iterable<?> list) {
      list.forEach(v -> collect(v, out));
    } else if (value != null) {
      out.append(value).append('\n');
    }
  }

  private static boolean hasUnsafeCharacters(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        return true;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
