package dev.steward.store.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * A search over one tenant's trace records; null fields do not filter.
 *
 * @param verdict a {@code name=value} verdict term such as {@code valid=false}
 * @param from inclusive
 * @param to exclusive
 * @param page 0-based
 */
public record TraceQuery(
    String tenant,
    String taskType,
    String step,
    String promptId,
    Integer promptVersion,
    String model,
    String verdict,
    String outcome,
    String kind,
    Instant from,
    Instant to,
    int page,
    int size) {

  public TraceQuery {
    Objects.requireNonNull(tenant, "a trace search is always within one tenant");
    if (page < 0 || size < 1) {
      throw new IllegalArgumentException("page must be >= 0 and size >= 1");
    }
  }
}
