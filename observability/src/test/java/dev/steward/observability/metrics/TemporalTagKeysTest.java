package dev.steward.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TemporalTagKeysTest {

  @Test
  void anUpdatesLongRequestRegistersNextToTheOtherCalls() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new TemporalTagKeys());

    registry
        .timer("temporal_long_request_latency", "operation", "PollWorkflowTaskQueue")
        .record(Duration.ofMillis(50));
    registry
        .timer(
            "temporal_long_request_latency",
            "operation",
            "UpdateWorkflowExecution",
            "update_name",
            "decide")
        .record(Duration.ofMillis(80));
    registry.timer("steward_other", "a", "b").record(Duration.ofMillis(1));

    assertThat(registry.scrape())
        .contains(
            "temporal_long_request_latency_seconds_count{operation=\"PollWorkflowTaskQueue\","
                + "update_name=\"none\"} 1")
        .contains(
            "temporal_long_request_latency_seconds_count{operation=\"UpdateWorkflowExecution\","
                + "update_name=\"decide\"} 1")
        .contains("steward_other_seconds_count{a=\"b\"} 1");
  }
}
