package dev.steward.app;

import dev.steward.esnode.EmbeddedElasticsearch;
import dev.steward.worker.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Steward in one process: API and worker, Temporal's in-process server, and a real Elasticsearch
 * node in a child JVM whose data lives under {@code steward.data-dir}. What {@code main} runs and
 * what the end-to-end tests start.
 */
public final class EmbeddedSteward implements AutoCloseable {

  private final EmbeddedElasticsearch elasticsearch;
  private final ConfigurableApplicationContext context;

  private EmbeddedSteward(
      EmbeddedElasticsearch elasticsearch, ConfigurableApplicationContext context) {
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
      Map<String, Object> defaults = new HashMap<>();
      defaults.put("spring.config.import", WorkerSettings.CONFIG);
      defaults.put("spring.elasticsearch.uris", elasticsearch.httpUrl());
      defaults.put("steward.data-dir", dataDir.toAbsolutePath().toString());
      defaults.putAll(properties);
      ConfigurableApplicationContext context =
          new SpringApplicationBuilder(StewardApplication.class)
              .sources(extraSources)
              .properties(defaults)
              .run(args);
      return new EmbeddedSteward(elasticsearch, context);
    } catch (Exception | Error e) {
      elasticsearch.close();
      throw e;
    }
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public String elasticsearchUrl() {
    return elasticsearch.httpUrl();
  }

  /** The HTTP port the API listens on. */
  public int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "8080"));
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      elasticsearch.close();
    }
  }
}
