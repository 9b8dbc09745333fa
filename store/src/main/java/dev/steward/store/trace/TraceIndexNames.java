package dev.steward.store.trace;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The names of the daily trace indices: one per UTC day, {@code steward-traces-2025.06.30}. */
public final class TraceIndexNames {

  public static final String PREFIX = "steward-traces-";

  /** Every trace index, for searches and the index template. */
  public static final String PATTERN = PREFIX + "*";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd");

  private TraceIndexNames() {}

  /** The index a record made at {@code at} belongs to. */
  public static String forInstant(Instant at) {
    return PREFIX + DAY.format(at.atZone(ZoneOffset.UTC).toLocalDate());
  }

  /** The day an index holds, or empty for a name that is not a daily trace index. */
  public static Optional<LocalDate> dayOf(String index) {
    if (index == null || !index.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(index.substring(PREFIX.length()), DAY));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Whether every record the index can hold was made before {@code cutoff}. */
  public static boolean isOlderThan(String index, Instant cutoff) {
    return dayOf(index)
        .map(day -> !day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(cutoff))
        .orElse(false);
  }
}
