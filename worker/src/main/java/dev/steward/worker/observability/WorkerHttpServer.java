package dev.steward.worker.observability;

import dev.steward.worker.WorkerApplication;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A worker process serves HTTP (health and {@code /actuator/prometheus} for the scraper) only when
 * it is given a port ({@code server.port} or {@code management.server.port}); otherwise it runs
 * without a web server, as it always did, so that several workers on one host never compete for the
 * default port 8080. Applies to {@link WorkerApplication} only, not to the all-in-one app.
 */
class WorkerHttpServer implements EnvironmentPostProcessor {

  static final String SOURCE = "stewardWorkerWithoutPort";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!application.getAllSources().contains(WorkerApplication.class)
        || environment.containsProperty("server.port")
        || environment.containsProperty("management.server.port")) {
      return;
    }
    environment
        .getPropertySources()
        .addLast(new MapPropertySource(SOURCE, Map.of("spring.main.web-application-type", "none")));
  }
}
