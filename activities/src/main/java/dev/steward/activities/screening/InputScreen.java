package dev.steward.activities.screening;

import dev.steward.activities.screening.InjectionDetector.InjectionAssessment;
import dev.steward.activities.screening.PiiRedactor.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a task's input goes through before a model may see it: size and encoding limits,
 * prompt-injection screening, and redaction of personal data. Pure apart from the embedding model,
 * so benchmarks run the same screen as the activity.
 */
public final class InputScreen {

  static final String SIZE_OR_ENCODING =
      "The request was blocked by input screening: it is too long or contains characters that"
          + " cannot be processed.";

  static final String INJECTION =
      "The request was blocked by input screening: it contains instructions aimed at the"
          + " assistant rather than a request it can handle. Please rephrase it as a plain request.";

  private final InjectionDetector injection;
  private final PiiRedactor redactor;

  public InputScreen(InjectionDetector injection, PiiRedactor redactor) {
    this.injection = injection;
    this.redactor = redactor;
  }

  /**
   * Screens {@code input}. A blocked input is not redacted; an allowed one comes back with its
   * personal data replaced by placeholders.
   */
  public Outcome screen(Map<String, Object> input, int maxChars, double injectionThreshold) {
    String text = text(input);
    List<String> limits = limitFindings(text, maxChars);
    if (!limits.isEmpty()) {
      return Outcome.blocked(SIZE_OR_ENCODING, limits, null);
    }
    InjectionAssessment assessment = injection.assess(text);
    if (assessment.blocks(injectionThreshold)) {
      String finding =
          assessment.rule() != null
              ? "prompt injection: rule " + assessment.rule()
              : String.format(
                  Locale.ROOT,
                  "prompt injection: similarity %.3f to a known attack pattern (threshold %.3f)",
                  assessment.score(),
                  injectionThreshold);
      return Outcome.blocked(INJECTION, List.of(finding), assessment);
    }
    return new Outcome(true, null, List.of(), assessment, redactor.redact(input));
  }

  /** The size and encoding problems of {@code text}; empty when it may proceed. */
  static List<String> limitFindings(String text, int maxChars) {
    List<String> findings = new ArrayList<>();
    if (text.length() > maxChars) {
      findings.add("input is " + text.length() + " characters; the limit is " + maxChars);
    }
    if (hasUnsafeCharacters(text)) {
      findings.add("input contains control characters or malformed Unicode");
    }
    return findings;
  }

  /** All values of the input, at any depth, one per line. */
  static String text(Object input) {
    StringBuilder all = new StringBuilder();
    collect(input, all);
    return all.toString();
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

  /**
   * What the screen decided.
   *
   * @param reason for the requester when blocked; never quotes the input
   * @param findings for operators: which limit or rule, never the input's text
   * @param injection null when the input was blocked before the injection check
   * @param redaction null when blocked
   */
  public record Outcome(
      boolean allowed,
      String reason,
      List<String> findings,
      InjectionAssessment injection,
      Redaction redaction) {

    static Outcome blocked(String reason, List<String> findings, InjectionAssessment injection) {
      return new Outcome(false, reason, findings, injection, null);
    }

    public double injectionScore() {
      return injection == null ? 0.0 : injection.score();
    }
  }
}
