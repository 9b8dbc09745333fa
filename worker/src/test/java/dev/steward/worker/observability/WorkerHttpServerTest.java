package dev.steward.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.worker.WorkerApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class WorkerHttpServerTest {

  private static final String WEB_TYPE = "spring.main.web-application-type";

  @Test
  void aWorkerWithoutAPortRunsWithoutAWebServer() {
    StandardEnvironment environment = environment(Map.of());

    new WorkerHttpServer()
        .postProcessEnvironment(environment, new SpringApplication(WorkerApplication.class));

    assertThat(environment.getProperty(WEB_TYPE)).isEqualTo("none");
  }

  @Test
  void aWorkerGivenAPortServesHttp() {
    for (String port : new String[] {"server.port", "management.server.port"}) {
      StandardEnvironment environment = environment(Map.of(port, "8081"));

      new WorkerHttpServer()
          .postProcessEnvironment(environment, new SpringApplication(WorkerApplication.class));

      assertThat(environment.getProperty(WEB_TYPE)).as(port).isNull();
    }
  }

  @Test
  void otherApplicationsAreLeftAlone() {
    StandardEnvironment environment = environment(Map.of());

    new WorkerHttpServer().postProcessEnvironment(environment, new SpringApplication(Object.class));

    assertThat(environment.getProperty(WEB_TYPE)).isNull();
  }

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }
}
