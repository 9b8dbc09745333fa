package dev.steward.api.trace;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.store.trace.TraceQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query parameters of {@code GET /v1/traces}, checked and turned into a {@link TraceQuery}
 * within the caller's tenant; each bad one is a 400 problem that names it.
 */
record TraceSearchParameters(
    String taskType,
    String step,
    String prompt,
    String promptId,
    String promptVersion,
    String model,
    String verdict,
    String outcome,
    String kind,
    String from,
    String to,
    String page,
    String size) {

  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 200;

  /** Elasticsearch pages no deeper than this ({@code index.max_result_window}). */
  static final int MAX_WINDOW = 10_000;

  private static final Pattern VERDICT = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)[=:](.+)");
  private static final Pattern PROMPT = Pattern.compile("(.+)@(\\d+)");
  private static final List<String> OUTCOMES = List.of("OK", "ERROR");
  private static final List<String> KINDS = List.of("STEP", "FEEDBACK");

  TraceQuery toQuery(String tenant) {
    String id = blankToNull(promptId);
    Integer version =
        promptVersion == null || promptVersion.isBlank()
            ? null
            : positive("promptVersion", promptVersion);
    if (prompt != null && !prompt.isBlank()) {
      var m = PROMPT.matcher(prompt.strip());
      if (!m.matches()) {
        throw invalid("prompt", "must be id@version, such as support-answer@3", prompt);
      }
      id = m.group(1);
      version = positive("prompt", m.group(2));
    }
    int pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE);
    int pageSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
    if ((long) (pageNumber + 1) * pageSize > MAX_WINDOW) {
      throw new ProblemException(
          Problem.INVALID_PARAMETER,
          "page and size reach past the first "
              + MAX_WINDOW
              + " records; narrow the search with from/to instead.");
    }
    Instant fromInstant = instant("from", from, false);
    Instant toInstant = instant("to", to, true);
    if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
      throw new ProblemException(Problem.INVALID_PARAMETER, "'from' must be before 'to'.");
    }
    return new TraceQuery(
        tenant,
        blankToNull(taskType),
        blankToNull(step),
        id,
        version,
        blankToNull(model),
        verdictTerm(),
        oneOf("outcome", outcome, OUTCOMES),
        oneOf("kind", kind, KINDS),
        fromInstant,
        toInstant,
        pageNumber,
        pageSize);
  }

  /** {@code valid=false} or {@code valid:false}, stored as {@code valid=false}. */
  private String verdictTerm() {
    if (verdict == null || verdict.isBlank()) {
      return null;
    }
    var m = VERDICT.matcher(verdict.strip());
    if (!m.matches()) {
      throw invalid("verdict", "must be name=value, such as valid=false or risk=HIGH", verdict);
    }
    return m.group(1) + "=" + m.group(2);
  }

  /**
   * An ISO-8601 instant ({@code 2025-06-30T12:00:00Z}) or a UTC date; as {@code to}, a date means
   * the end of that day.
   */
  static Instant instant(String name, String value, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException notAnInstant) {
      try {
        LocalDate day = LocalDate.parse(v);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        throw invalid(
            name, "must be an ISO-8601 instant (2025-06-30T12:00:00Z) or date (2025-06-30)", value);
      }
    }
  }

  private static String oneOf(String name, String value, List<String> allowed) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String upper = value.strip().toUpperCase(Locale.ROOT);
    if (!allowed.contains(upper)) {
      throw new ProblemException(
          Problem.INVALID_PARAMETER,
          "'" + name + "' must be one of " + String.join(", ", allowed) + "; got '" + value + "'.",
          Map.of("parameter", name, "allowedValues", allowed));
    }
    return upper;
  }

  private static int positive(String name, String value) {
    return number(name, value, 0, 1, Integer.MAX_VALUE);
  }

  private static int number(String name, String value, int otherwise, int min, int max) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Answered below, as an out-of-range number is.
    }
    String range = max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
    throw invalid(name, "must be a whole number, " + range, value);
  }

  static ProblemException invalid(String name, String rule, String value) {
    return new ProblemException(
        Problem.INVALID_PARAMETER,
        "'" + name + "' " + rule + "; got '" + value + "'.",
        Map.of("parameter", name));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
