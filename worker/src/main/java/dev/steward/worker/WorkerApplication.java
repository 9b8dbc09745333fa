package dev.steward.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A worker process on its own: runs Steward's workflows and activities against a Temporal server.
 */
@SpringBootApplication(scanBasePackages = {"dev.steward.worker", "dev.steward.activities"})
public class WorkerApplication {

  public static void main(String[] args) {
    new SpringApplicationBuilder(WorkerApplication.class)
        .properties("spring.config.import=" + WorkerSettings.CONFIG)
        .run(args);
  }
}
