package dev.steward.app;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The all-in-one launcher: {@code java -jar steward-app.jar} runs the embedded default. */
@SpringBootApplication(scanBasePackages = "dev.steward")
public class StewardApplication {

  private static final String DATA_DIR_ARG = "--steward.data-dir=";

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(dataDirArgument(args).orElse("data"));
    EmbeddedSteward steward = EmbeddedSteward.start(dataDir, Map.of(), args);
    CountDownLatch stopped = new CountDownLatch(1);
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

  /** {@code --steward.data-dir=...}: needed before Spring starts, to start Elasticsearch. */
  static Optional<String> dataDirArgument(String[] args) {
    return Arrays.stream(args)
        .filter(a -> a.startsWith(DATA_DIR_ARG))
        .map(a -> a.substring(DATA_DIR_ARG.length()))
        .reduce((first, last) -> last);
  }
}
