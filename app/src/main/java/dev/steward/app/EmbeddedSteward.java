package dev.steward.app;

import dev.steward.esnode.EmbeddedElasticsearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Steward in one process: API and worker, Temporal (its real dev server as a child process, or its
 * in-process server), and a real Elasticsearch node in a child JVM, with their data under {@code
 * steward.data-dir}. What {@code main} runs and what the end-to-end tests start.
 *
 * <p>Which Temporal: {@code main} asks for {@link TemporalSetup#runDefault()}, the {@code start}
 * methods without a {@link TemporalSetup} for the in-process server (fast, nothing to clash on),
 * and {@code steward.temporal.mode}, {@code .port} and {@code .ui-port}, given as properties or
 * arguments, override either. Properties that configure Temporal for Spring ({@code
 * spring.temporal.connection.target}, {@code spring.temporal.test-server.enabled}) win over all of
 * it: then this class starts no Temporal.
 */
public final class EmbeddedSteward implements AutoCloseable {

  private final Path dataDir;
  private final EmbeddedTemporal temporal;
  private EmbeddedElasticsearch elasticsearch;
  private final ConfigurableApplicationContext context;

  private EmbeddedSteward(
      Path dataDir,
      EmbeddedTemporal temporal,
      EmbeddedElasticsearch elasticsearch,
      ConfigurableApplicationContext context) {
    this.dataDir = dataDir;
    this.temporal = temporal;
    this.elasticsearch = elasticsearch;
    this.context = context;
  }

  /**
   * Starts the node, then the application on it, with Temporal's in-process server.
   *
   * @param dataDir folder for the node's data (kept across restarts) and the model caches
   * @param properties extra Spring properties (e.g. {@code server.port})
   */
  public static EmbeddedSteward start(Path dataDir, Map<String, Object> properties, String... args)
      throws Exception {
    return start(dataDir, TemporalSetup.inProcess(), properties, new Class<?>[0], args);
  }

  /**
   * As {@link #start(Path, Map, String...)}, with extra configuration classes (benchmarks swap in a
   * zero-latency model this way).
   */
  public static EmbeddedSteward start(
      Path dataDir, Map<String, Object> properties, Class<?>[] extraSources, String... args)
      throws Exception {
    return start(dataDir, TemporalSetup.inProcess(), properties, extraSources, args);
  }

  /**
   * As {@link #start(Path, Map, String...)}, on the given Temporal, e.g. {@link
   * TemporalSetup#devServerOnFreePorts()}; the dev server keeps its state in {@code
   * <dataDir>/temporal/temporal.db}.
   */
  public static EmbeddedSteward start(
      Path dataDir, TemporalSetup temporal, Map<String, Object> properties, String... args)
      throws Exception {
    return start(dataDir, temporal, properties, new Class<?>[0], args);
  }

  /** The general form of the other {@code start} methods. */
  public static EmbeddedSteward start(
      Path dataDir,
      TemporalSetup temporalSetup,
      Map<String, Object> properties,
      Class<?>[] extraSources,
      String... args)
      throws Exception {
    Files.createDirectories(dataDir);
    // The embedding tokenizer unpacks its native library here instead of under ~/.djl.ai.
    System.setProperty("DJL_CACHE_DIR", dataDir.resolve("djl").toAbsolutePath().toString());
    EmbeddedTemporal temporal = EmbeddedTemporal.start(temporalSetup, dataDir, properties, args);
    EmbeddedElasticsearch elasticsearch = null;
    try {
      elasticsearch = EmbeddedElasticsearch.start(dataDir.resolve("elasticsearch"));
      // Given as arguments, so that they win over application.yml (default properties would not).
      List<String> arguments = new ArrayList<>();
      arguments.add("--spring.elasticsearch.uris=" + elasticsearch.httpUrl());
      arguments.add("--steward.data-dir=" + dataDir.toAbsolutePath());
      arguments.addAll(temporal.springArguments());
      properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
      arguments.addAll(List.of(args));
      ConfigurableApplicationContext context =
          new SpringApplicationBuilder(StewardApplication.class)
              .sources(extraSources)
              .run(arguments.toArray(String[]::new));
      return new EmbeddedSteward(dataDir, temporal, elasticsearch, context);
    } catch (Exception | Error e) {
      try {
        if (elasticsearch != null) {
          elasticsearch.close();
        }
      } finally {
        temporal.close();
      }
      throw e;
    }
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public synchronized String elasticsearchUrl() {
    return elasticsearch.httpUrl();
  }

  /** Stops the Elasticsearch node, leaving the application running: an outage, for tests. */
  synchronized void stopElasticsearch() {
    elasticsearch.close();
  }

  /** Starts the node again on its data and its port, so the application finds it again. */
  synchronized void restartElasticsearch() {
    int port = java.net.URI.create(elasticsearch.httpUrl()).getPort();
    elasticsearch.close();
    elasticsearch = EmbeddedElasticsearch.start(dataDir.resolve("elasticsearch"), port);
  }

  /**
   * The Temporal this Steward started: the dev server with the ports it took, or the in-process
   * server. Give it to {@code start} on the same data folder to get the same server and state back.
   * When the caller's {@code spring.temporal.*} properties configured Temporal, it is the setup
   * that was passed in (those properties decide again on the next start).
   */
  public TemporalSetup temporal() {
    return temporal.setup();
  }

  /**
   * {@code host:port} of the Temporal frontend the application uses, for clients and the {@code
   * temporal} CLI; empty for the in-process server, which nothing outside this JVM can reach.
   */
  public Optional<String> temporalTarget() {
    return temporal.target().or(this::configuredTarget);
  }

  private Optional<String> configuredTarget() {
    var environment = context.getEnvironment();
    if (environment.getProperty(EmbeddedTemporal.TEST_SERVER, Boolean.class, false)) {
      return Optional.empty();
    }
    return Optional.ofNullable(environment.getProperty(EmbeddedTemporal.TARGET));
  }

  /** The Temporal Web UI of the dev server this Steward started, if it did. */
  public Optional<String> temporalUiUrl() {
    return temporal.uiUrl();
  }

  /**
   * Kills this Steward's Temporal dev server (SIGKILL), leaving the application running: a crash of
   * the server, for tests. Its SQLite file keeps every workflow.
   *
   * @throws IllegalStateException if this Steward started no dev server
   */
  public void killTemporal() {
    temporal.kill();
  }

  /** As {@link #killTemporal()}, but a clean stop (SIGTERM). */
  public void stopTemporal() {
    temporal.stop();
  }

  /**
   * Starts the dev server again (stopping it first if it runs) on its SQLite file and ports, where
   * the application's clients and workers reconnect to it.
   */
  public void restartTemporal() {
    temporal.restart();
  }

  /** The HTTP port the API listens on. */
  public int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "8080"));
  }

  /** Stops the application, then Elasticsearch, then Temporal (the workers need it to the end). */
  @Override
  public synchronized void close() {
    try {
      context.close();
    } finally {
      try {
        elasticsearch.close();
      } finally {
        temporal.close();
      }
    }
  }
}
