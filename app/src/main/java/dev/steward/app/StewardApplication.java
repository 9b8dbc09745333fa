package dev.steward.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The all-in-one launcher: {@code java -jar steward-app.jar} runs the embedded default. */
@SpringBootApplication(scanBasePackages = "dev.steward")
public class StewardApplication {

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(LaunchArguments.find(Map.of(), args, "steward.data-dir").orElse("data"));
    EmbeddedSteward steward =
        EmbeddedSteward.start(dataDir, TemporalSetup.runDefault(), Map.of(), args);
    CountDownLatch stopped = new CountDownLatch(1);
    // Ctrl-C or SIGTERM: stop the application, then Elasticsearch and the Temporal dev server.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  steward.close();
                  stopped.countDown();
                },
                "steward-shutdown"));
    stopped.await();
  }
}
