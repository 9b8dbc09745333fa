package dev.steward.observability;

import dev.steward.activities.screening.ScreeningProperties;
import dev.steward.activities.trace.TraceRedaction;
import dev.steward.observability.metrics.TemporalLatencyHistograms;
import dev.steward.observability.metrics.TemporalTagKeys;
import dev.steward.observability.tracing.PiiMaskingSpanFilter;
import dev.steward.store.trace.TraceTextRedactor;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.tracing.exporter.SpanFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Steward's additions to Spring Boot's metrics and tracing, in every process: histograms for the
 * Temporal SDK's latencies and consistent tag keys for its meters (Prometheus needs them), and
 * spans masked of personal data before export. Temporal's starter does the rest by itself: it
 * reports the SDK's metrics into the Micrometer registry, and builds an OpenTracing shim over
 * Boot's OpenTelemetry SDK for its client and worker interceptors.
 */
@AutoConfiguration
public class ObservabilityAutoConfiguration {

  @Bean
  MeterFilter temporalLatencyHistograms() {
    return new TemporalLatencyHistograms();
  }

  @Bean
  MeterFilter temporalTagKeys() {
    return new TemporalTagKeys();
  }

  /**
   * The screening step's redaction for texts stored with traces (feedback comments), in processes
   * that do not run the steps themselves: a standalone api gets the same rules from the same {@code
   * steward.screening.pii} settings.
   */
  @Bean
  @ConditionalOnMissingBean(TraceTextRedactor.class)
  TraceTextRedactor traceTextRedactor(Environment environment) {
    ScreeningProperties.Pii pii =
        Binder.get(environment)
            .bind("steward.screening", ScreeningProperties.class)
            .map(ScreeningProperties::pii)
            .orElse(new ScreeningProperties.Pii(null, null));
    return new TraceRedaction(pii.redactor());
  }

  /** Separate, so that a process without Micrometer Tracing still gets the metrics part. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(SpanFilter.class)
  static class Tracing {

    @Bean
    SpanFilter piiMaskingSpanFilter() {
      return new PiiMaskingSpanFilter();
    }
  }
}
