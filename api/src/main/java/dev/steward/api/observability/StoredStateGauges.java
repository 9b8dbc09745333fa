package dev.steward.api.observability;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Refreshes the gauges read from stored state (pending approvals, feedback scores) every {@code
 * steward.metrics.refresh-interval} on a thread of its own, so a Prometheus scrape costs no
 * Elasticsearch query. While Elasticsearch cannot answer, the gauges keep their last values.
 */
@Component
@EnableConfigurationProperties(MetricsProperties.class)
class StoredStateGauges implements InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(StoredStateGauges.class);

  static final int WARN_AFTER = 3;

  private final List<StoredStateGauge> gauges;
  private final MetricsProperties properties;
  private ScheduledExecutorService scheduler;

  /**
   * Refreshes in a row that failed. One failure is usual once a day, when a new daily trace index
   * is searched before its shard is allocated (503), and is not worth a warning.
   */
  private int failures;

  @Autowired
  StoredStateGauges(
      ElasticsearchClient client, MeterRegistry registry, MetricsProperties properties) {
    this(
        List.of(
            new PendingApprovals(client, registry),
            new FeedbackScores(client, registry, properties.feedbackWindow(), Clock.systemUTC())),
        properties);
  }

  StoredStateGauges(List<StoredStateGauge> gauges, MetricsProperties properties) {
    this.gauges = List.copyOf(gauges);
    this.properties = properties;
  }

  @Override
  public void afterPropertiesSet() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "steward-metrics-refresh");
          t.setDaemon(true);
          return t;
        });
    long every = properties.refreshInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::refreshAll, 0, every, TimeUnit.MILLISECONDS);
  }

  void refreshAll() {
    RuntimeException failed = null;
    for (StoredStateGauge gauge : gauges) {
      try {
        gauge.refresh();
      } catch (RuntimeException e) {
        failed = e;
      }
    }
    if (failed == null) {
      if (failures >= WARN_AFTER) {
        log.info("Metrics read from Elasticsearch are current again");
      }
      failures = 0;
      return;
    }
    failures++;
    if (failures == WARN_AFTER) {
      log.warn(
          "Metrics read from Elasticsearch keep their last values until it answers again: {}"
              + " ({})",
          failed.toString(),
          failed.getCause() == null ? "no cause" : failed.getCause().toString());
    }
  }

  @Override
  public void destroy() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
