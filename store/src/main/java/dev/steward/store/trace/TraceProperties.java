package dev.steward.store.trace;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the trace indices ({@code steward.traces.*}).
 *
 * @param retention how long a day's trace index is kept after the day ends; older ones are deleted
 * @param retentionCheckInterval how often old indices are looked for
 * @param refreshInterval how soon a written trace is searchable
 */
@ConfigurationProperties("steward.traces")
public record TraceProperties(
    Duration retention, Duration retentionCheckInterval, String refreshInterval) {

  public TraceProperties {
    retention = retention == null ? Duration.ofDays(30) : retention;
    retentionCheckInterval =
        retentionCheckInterval == null ? Duration.ofHours(1) : retentionCheckInterval;
    refreshInterval = refreshInterval == null ? "1s" : refreshInterval;
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("steward.traces.retention must be positive");
    }
    if (retentionCheckInterval.isNegative() || retentionCheckInterval.isZero()) {
      throw new IllegalArgumentException(
          "steward.traces.retention-check-interval must be positive");
    }
  }
}
