package dev.steward.app;

import dev.steward.esnode.EmbeddedElasticsearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Steward in one process: API and worker, Temporal's in-process server, and a real Elasticsearch
 * node in a child JVM whose data lives under {@code steward.data-dir}. What {@code main} runs and
 * what the end-to-end tests start.
 */
public final class EmbeddedSteward implements AutoCloseable {

  private final Path dataDir;
  private EmbeddedElasticsearch elasticsearch;
  private final ConfigurableApplicationContext context;

  private EmbeddedSteward(
      Path dataDir, EmbeddedElasticsearch elasticsearch, ConfigurableApplicationContext context) {
    this.dataDir = dataDir;
    this.elasticsearch = elasticsearch;
    this.context = context;
  }

  /**
   * Starts the node, then the application on it.
   *
   * @param dataDir folder for the node's data (kept across restarts) and the model caches
   * @param properties extra Spring properties (e.g. {@code server.port})
   */
  public static EmbeddedSteward start(Path dataDir, Map<String, Object> properties, String... args)
      throws Exception {
    return start(dataDir, properties, new Class<?>[0], args);
  }

  /**
   * As {@link #start(Path, Map, String...)}, with extra configuration classes (benchmarks swap in a
   * zero-latency model this way).
   */
  public static EmbeddedSteward start(
      Path dataDir, Map<String, Object> properties, Class<?>[] extraSources, String... args)
      throws Exception {
    Files.createDirectories(dataDir);
    // The embedding tokenizer unpacks its native library here instead of under ~/.djl.ai.
    System.setProperty("DJL_CACHE_DIR", dataDir.resolve("djl").toAbsolutePath().toString());
    EmbeddedElasticsearch elasticsearch =
        EmbeddedElasticsearch.start(dataDir.resolve("elasticsearch"));
    try {
      // Given as arguments, so that they win over application.yml (default properties would not).
      List<String> arguments = new ArrayList<>();
      arguments.add("--spring.elasticsearch.uris=" + elasticsearch.httpUrl());
      arguments.add("--steward.data-dir=" + dataDir.toAbsolutePath());
      properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
      arguments.addAll(List.of(args));
      ConfigurableApplicationContext context =
          new SpringApplicationBuilder(StewardApplication.class)
              .sources(extraSources)
              .run(arguments.toArray(String[]::new));
      return new EmbeddedSteward(dataDir, elasticsearch, context);
    } catch (Exception | Error e) {
      elasticsearch.close();
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

  /** The HTTP port the API listens on. */
  public int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "8080"));
  }

  @Override
  public synchronized void close() {
    try {
      context.close();
    } finally {
      elasticsearch.close();
    }
  }
}
