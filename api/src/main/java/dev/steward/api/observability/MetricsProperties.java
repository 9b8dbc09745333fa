package dev.steward.api.observability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the metrics the API reads from stored state ({@code steward.metrics.*}).
 *
 * @param refreshInterval how often pending approvals and feedback scores are read from
 *     Elasticsearch; a scrape reads the last values and never queries Elasticsearch itself
 * @param feedbackWindow how far back feedback counts towards a prompt version's score
 */
@ConfigurationProperties("steward.metrics")
public record MetricsProperties(Duration refreshInterval, Duration feedbackWindow) {

  public MetricsProperties {
    refreshInterval = refreshInterval == null ? Duration.ofSeconds(30) : refreshInterval;
    feedbackWindow = feedbackWindow == null ? Duration.ofDays(7) : feedbackWindow;
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException("steward.metrics.refresh-interval must be positive");
    }
    if (feedbackWindow.isNegative() || feedbackWindow.isZero()) {
      throw new IllegalArgumentException("steward.metrics.feedback-window must be positive");
    }
  }
}
