package dev.steward.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Observability settings every Steward process starts with, below all other configuration (any
 * property or environment variable overrides them):
 *
 * <ul>
 *   <li>{@code /actuator/prometheus} is exposed next to health and info;
 *   <li>every trace is sampled: a task is a handful of spans spread over minutes, and a trace with
 *       holes is of little use to whoever follows one task;
 *   <li>the standard {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} / {@code
 *       OTEL_EXPORTER_OTLP_ENDPOINT} variables (and the older {@code
 *       management.otlp.tracing.endpoint}) turn on the OTLP/HTTP exporter. Without an endpoint no
 *       exporter exists: spans are made and dropped, and nothing tries to connect anywhere.
 * </ul>
 */
class ObservabilityDefaults implements EnvironmentPostProcessor {

  static final String SOURCE = "stewardObservabilityDefaults";

  static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
    defaults.put("management.tracing.sampling.probability", "1.0");
    String endpoint = otlpEndpoint(environment);
    if (endpoint != null) {
      defaults.put(OTLP_ENDPOINT, endpoint);
    }
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
  }

  /** Where spans go when the standard variables or the pre-4.0 property say so; else null. */
  static String otlpEndpoint(ConfigurableEnvironment environment) {
    String traces = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    if (hasText(traces)) {
      return traces.strip();
    }
    String legacy = environment.getProperty("management.otlp.tracing.endpoint");
    if (hasText(legacy)) {
      return legacy.strip();
    }
    String base = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT");
    if (hasText(base)) {
      // The OTLP spec: a base endpoint gets the signal's path appended, for HTTP transports.
      String trimmed = base.strip();
      return (trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed)
          + "/v1/traces";
    }
    return null;
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }
}
