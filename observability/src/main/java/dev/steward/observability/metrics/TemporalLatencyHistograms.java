package dev.steward.observability.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.Set;

/**
 * Gives the Temporal SDK's main latency timers percentile histograms: the SDK registers them as
 * plain timers, which export only a count, a sum and a max, and p95 needs buckets. Only the ones
 * the dashboard reads: at about 80 buckets per series, histograms of every SDK timer (per gRPC
 * operation, per replay) would triple the size of a scrape.
 */
public final class TemporalLatencyHistograms implements MeterFilter {

  static final Set<String> WITH_HISTOGRAM =
      Set.of(
          "temporal_workflow_task_execution_latency",
          "temporal_workflow_task_schedule_to_start_latency",
          "temporal_workflow_endtoend_latency",
          "temporal_activity_execution_latency",
          "temporal_activity_schedule_to_start_latency");

  private static final DistributionStatisticConfig HISTOGRAM =
      DistributionStatisticConfig.builder()
          .percentilesHistogram(true)
          .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
          .maximumExpectedValue((double) Duration.ofMinutes(10).toNanos())
          .build();

  @Override
  public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
    if (id.getType() == Meter.Type.TIMER && WITH_HISTOGRAM.contains(id.getName())) {
      return HISTOGRAM.merge(config);
    }
    return config;
  }
}
