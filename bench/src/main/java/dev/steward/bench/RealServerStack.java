package dev.steward.bench;

import dev.steward.app.EmbeddedSteward;
import dev.steward.temporalserver.TemporalDevServer;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContext;

/**
 * Temporal's real dev server (SQLite in a temporary folder) and the embedded stack running against
 * it with the zero-latency model and the demo corpus: what the real-server benchmarks measure.
 */
final class RealServerStack implements AutoCloseable {

  private final Path dir;
  private final TemporalDevServer server;
  private final EmbeddedSteward steward;

  private RealServerStack(Path dir, TemporalDevServer server, EmbeddedSteward steward) {
    this.dir = dir;
    this.server = server;
    this.steward = steward;
  }

  /**
   * Starts both and waits until the demo corpus is indexed.
   *
   * @param dynamicConfig the server's dynamic config values, {@code key=json} each
   * @param properties Spring properties on top of the real-server ones
   */
  static RealServerStack start(List<String> dynamicConfig, Map<String, Object> properties)
      throws Exception {
    BenchReport.noteBuild();
    Path dir = Files.createTempDirectory("steward-real-server-bench");
    TemporalDevServer server = startServer(dir, dynamicConfig);
    try {
      long started = System.nanoTime();
      System.out.println("starting the embedded stack against it (Elasticsearch child JVM) ...");
      Map<String, Object> all = new HashMap<>(stewardProperties(server.target()));
      all.putAll(properties);
      EmbeddedSteward steward =
          EmbeddedSteward.start(
              dir.resolve("steward"),
              all,
              new Class<?>[] {ZeroLatencyModel.class, BenchWorkerTuning.class});
      StewardApi.awaitHealthy(steward.port(), Duration.ofMinutes(5));
      System.out.printf("stack up in %.1f s%n", (System.nanoTime() - started) / 1e9);
      return new RealServerStack(dir, server, steward);
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
  }

  /** The dev server on free ports with its SQLite file under {@code dir}. */
  static TemporalDevServer startServer(Path dir, List<String> dynamicConfig) {
    Path cli =
        TemporalDevServer.findCli()
            .orElseThrow(() ->
                new IllegalStateException(
                    "no temporal CLI: run ./steward test once, or set STEWARD_TEMPORAL_CLI"));
    List<String> args = new ArrayList<>();
    for (String value : dynamicConfig) {
      args.addAll(List.of("--dynamic-config-value", value));
    }
    long started = System.nanoTime();
    TemporalDevServer server =
        TemporalDevServer.start(
            TemporalDevServer.Options.freePorts(cli, dir.resolve("temporal.db"))
                .withExtraArgs(args));
    System.out.printf(
        "Temporal dev server (SQLite) at %s up in %.1f s%s%n",
        server.target(),
        (System.nanoTime() - started) / 1e9,
        dynamicConfig.isEmpty() ? "" : ", dynamic config " + dynamicConfig);
    return server;
  }

  /** What points the embedded stack at a real server instead of its in-process one. */
  static Map<String, Object> stewardProperties(String target) {
    return Map.of(
        "server.port",
        0,
        "spring.temporal.test-server.enabled",
        false,
        "spring.temporal.connection.target",
        target);
  }

  WorkflowClient client() {
    return steward.context().getBean(WorkflowClient.class);
  }

  ApplicationContext context() {
    return steward.context();
  }

  @Override
  public void close() throws IOException {
    try {
      steward.close();
    } finally {
      server.close();
      deleteRecursively(dir);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
