package dev.steward.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ObservabilityDefaultsTest {

  @Test
  void exposesPrometheusAndSamplesEverythingUnlessConfiguredOtherwise() {
    StandardEnvironment environment =
        environment(Map.of("management.tracing.sampling.probability", "0.25"));

    new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
        .isEqualTo("health,info,prometheus");
    assertThat(environment.getProperty("management.tracing.sampling.probability"))
        .isEqualTo("0.25");
    assertThat(environment.getProperty(ObservabilityDefaults.OTLP_ENDPOINT)).isNull();
  }

  @Test
  void theStandardOtlpVariablesTurnTheExporterOn() {
    assertThat(endpointFor(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/")))
        .isEqualTo("http://collector:4318/v1/traces");
    assertThat(
            endpointFor(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:4318/custom")))
        .isEqualTo("http://traces:4318/custom");
    assertThat(endpointFor(Map.of("management.otlp.tracing.endpoint", "http://old:4318/v1/traces")))
        .isEqualTo("http://old:4318/v1/traces");
  }

  @Test
  void anExplicitEndpointWinsOverTheVariables() {
    StandardEnvironment environment =
        environment(
            Map.of(
                ObservabilityDefaults.OTLP_ENDPOINT,
                "http://explicit:4318/v1/traces",
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://collector:4318"));

    new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty(ObservabilityDefaults.OTLP_ENDPOINT))
        .isEqualTo("http://explicit:4318/v1/traces");
  }

  private static String endpointFor(Map<String, Object> properties) {
    StandardEnvironment environment = environment(properties);
    new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());
    return environment.getProperty(ObservabilityDefaults.OTLP_ENDPOINT);
  }

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }
}
