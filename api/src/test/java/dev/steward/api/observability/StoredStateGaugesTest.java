package dev.steward.api.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoredStateGaugesTest {

  @Test
  void oneFailingGaugeDoesNotStopTheOthers() {
    AtomicInteger refreshed = new AtomicInteger();
    StoredStateGauge failing =
        () -> {
          throw new IllegalStateException("Elasticsearch said 503");
        };
    StoredStateGauges gauges =
        new StoredStateGauges(
            List.of(failing, refreshed::incrementAndGet), new MetricsProperties(null, null));

    gauges.refreshAll();
    gauges.refreshAll();

    assertThat(refreshed).hasValue(2);
  }

  @Test
  void defaultsRunOnALaptop() {
    MetricsProperties defaults = new MetricsProperties(null, null);

    assertThat(defaults.refreshInterval()).hasSeconds(30);
    assertThat(defaults.feedbackWindow()).hasDays(7);
  }
}
