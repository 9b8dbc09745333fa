package dev.steward.observability.logging;

import dev.steward.activities.screening.PiiRedactor;
import dev.steward.activities.screening.ScreeningProperties;
import java.util.Map;

/**
 * The masking of personal data in logs and span attributes: the screening step's {@link
 * PiiRedactor}, with the rules a deployment configures under {@code steward.screening.pii} once
 * Spring has read them (the default rules until then).
 */
public final class LogRedaction {

  /** What a text becomes when masking it failed: better lost than leaked. */
  static final String WITHHELD = "[log text withheld: it could not be checked for personal data]";

  /**
   * Longest run of letters, digits and {@code ._%+'-} checked as is. The e-mail rule backtracks
   * over such a run from each of its characters (a 400 KB hex dump took minutes), and no e-mail
   * address, phone, card or IBAN is this long, so a longer run is withheld whole instead.
   */
  static final int MAX_RUN = 256;

  /**
   * Digits in a row (allowing up to two of {@link #DIGIT_SEPARATORS} between them) that the
   * shortest value of the default rules has: a UK national insurance number has 6, phones, SSNs,
   * cards and IBANs more. Texts without such a row and without an {@code @} skip the rules, which
   * cost about 0.1 ms per line (phone matching in four regions).
   */
  static final int MIN_DIGITS = 6;

  private static final String DIGIT_SEPARATORS = " -./()+";

  private static final String KEY = "text";

  private record Rules(PiiRedactor redactor, boolean needDigitsOrAt) {}

  private static volatile Rules rules;

  private LogRedaction() {}

  /**
   * Masks with {@code redactor} from now on, in this JVM.
   *
   * @param defaultRulesOnly whether the redactor has only the default rules, every one of which
   *     needs an {@code @} or {@value #MIN_DIGITS} digits; a deployment's own national id formats
   *     may need neither, and then every text is checked
   */
  public static void use(PiiRedactor redactor, boolean defaultRulesOnly) {
    rules = redactor == null ? null : new Rules(redactor, defaultRulesOnly);
  }

  /** {@code text} with e-mail addresses, phone, card and IBAN numbers and national ids masked. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Rules current = rules();
    if (current.needDigitsOrAt() && !mayHoldPersonalData(text)) {
      return text;
    }
    try {
      return (String)
          current.redactor().redact(Map.of(KEY, withoutLongRuns(text))).input().get(KEY);
    } catch (RuntimeException | StackOverflowError e) {
      return WITHHELD;
    }
  }

  /** Whether {@code text} has an {@code @} or {@value #MIN_DIGITS} digits in a row. */
  static boolean mayHoldPersonalData(String text) {
    int digits = 0;
    int gap = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '@') {
        return true;
      }
      if (Character.isDigit(c)) {
        gap = 0;
        if (++digits >= MIN_DIGITS) {
          return true;
        }
      } else if (digits > 0 && gap < 2 && DIGIT_SEPARATORS.indexOf(c) >= 0) {
        gap++;
      } else {
        digits = 0;
        gap = 0;
      }
    }
    return false;
  }

  /** {@code text} with every run longer than {@link #MAX_RUN} replaced by a note of its length. */
  static String withoutLongRuns(String text) {
    StringBuilder out = null;
    int runStart = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && inRun(text.charAt(i))) {
        continue;
      }
      if (i - runStart > MAX_RUN) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, runStart);
        }
        out.append("[").append(i - runStart).append(" characters withheld]");
      } else if (out != null) {
        out.append(text, runStart, i);
      }
      if (out != null && i < text.length()) {
        out.append(text.charAt(i));
      }
      runStart = i + 1;
    }
    return out == null ? text : out.toString();
  }

  private static boolean inRun(char c) {
    return Character.isLetterOrDigit(c) || "._%+'-".indexOf(c) >= 0;
  }

  private static Rules rules() {
    Rules current = rules;
    if (current == null) {
      // Lines logged before Spring read its configuration (and outside Spring) use the defaults.
      current = new Rules(new ScreeningProperties(null, null).pii().redactor(), true);
      rules = current;
    }
    return current;
  }
}
