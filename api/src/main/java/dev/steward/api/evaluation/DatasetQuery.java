package dev.steward.api.evaluation;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.workflows.task.TaskStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which recorded tasks of a tenant to export.
 *
 * @param taskType null for every type
 * @param fromMillis tasks started at or after this instant; null for no lower bound
 * @param toMillis tasks started before this instant; null for no upper bound
 * @param includeOutput whether rows carry the task's output
 */
record DatasetQuery(
    String tenant,
    String taskType,
    TaskStatus status,
    Long fromMillis,
    Long toMillis,
    int limit,
    boolean includeOutput) {

  /** Most tasks one export returns: each costs a read of its workflow history. */
  static final int MAX_LIMIT = 1000;

  static final int DEFAULT_LIMIT = 100;

  /** Reads the request's parameters; a bad one is a 400 problem that names it. */
  static DatasetQuery parse(
      String tenant,
      String taskType,
      String from,
      String to,
      String status,
      Integer limit,
      Boolean includeOutput) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw new ProblemException(
          Problem.INVALID_PARAMETER, "limit must be between 1 and " + MAX_LIMIT + ".");
    }
    Long fromMillis = instant("from", from);
    Long toMillis = instant("to", to);
    if (fromMillis != null && toMillis != null && fromMillis >= toMillis) {
      throw new ProblemException(Problem.INVALID_PARAMETER, "from must be before to.");
    }
    return new DatasetQuery(
        tenant,
        taskType == null || taskType.isBlank() ? null : taskType.strip(),
        status(status),
        fromMillis,
        toMillis,
        size,
        includeOutput == null || includeOutput);
  }

  /** An ISO-8601 instant, or a date meaning its start in UTC. */
  private static Long instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
          : Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new ProblemException(
          Problem.INVALID_PARAMETER,
          name
              + " must be an ISO-8601 instant (2026-05-01T09:00:00Z) or a date (2026-05-01); got '"
              + value
              + "'.");
    }
  }

  /** A task status name; COMPLETED when absent, since a regression set wants finished answers. */
  private static TaskStatus status(String value) {
    if (value == null || value.isBlank()) {
      return TaskStatus.COMPLETED;
    }
    try {
      return TaskStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed = Arrays.stream(TaskStatus.values()).map(Enum::name).toList();
      throw new ProblemException(
          Problem.INVALID_PARAMETER,
          "status must be one of " + String.join(", ", allowed) + "; got '" + value + "'.",
          Map.of("allowedValues", allowed));
    }
  }
}
