package dev.steward.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TemporalLatencyHistogramsTest {

  @Test
  void theDashboardsTemporalLatenciesGetBucketsOtherTimersDoNot() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new TemporalLatencyHistograms());

    registry
        .timer("temporal_activity_execution_latency", "activity_type", "DraftOutput")
        .record(Duration.ofMillis(120));
    registry.timer("temporal_workflow_endtoend_latency").record(Duration.ofSeconds(3));
    registry
        .timer("temporal_request_latency", "operation", "PollActivityTaskQueue")
        .record(Duration.ofMillis(5));

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "temporal_activity_execution_latency_seconds_bucket{activity_type=\"DraftOutput\"")
        .contains("temporal_workflow_endtoend_latency_seconds_bucket")
        .doesNotContain("temporal_request_latency_seconds_bucket")
        .contains("temporal_request_latency_seconds_count");
  }
}
