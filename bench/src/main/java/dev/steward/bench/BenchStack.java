package dev.steward.bench;

import dev.steward.app.EmbeddedSteward;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContext;

/**
 * The embedded stack a retrieval benchmark runs on: a fresh data folder, no demo corpus, and an
 * admin and a requester API key for each of the benchmark's own tenants (replacing the demo keys).
 */
final class BenchStack implements AutoCloseable {

  private final Path dataDir;
  private final EmbeddedSteward steward;

  private BenchStack(Path dataDir, EmbeddedSteward steward) {
    this.dataDir = dataDir;
    this.steward = steward;
  }

  static BenchStack start(List<String> tenants, long largestDocumentBytes) throws Exception {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", 0);
    properties.put("steward.demo-corpus.enabled", false);
    long limit = Math.max(1 << 20, largestDocumentBytes + 1024);
    properties.put("steward.api.max-document-bytes", limit + "B");
    int i = 0;
    for (String tenant : tenants) {
      properties.putAll(apiKey(i++, "bench-admin-" + tenant, tenant, "admin,engineer"));
      properties.putAll(apiKey(i++, "bench-requester-" + tenant, tenant, "requester"));
    }
    BenchReport.noteBuild();
    Path data = Files.createTempDirectory("steward-bench");
    long started = System.nanoTime();
    System.out.println("starting the embedded stack (Elasticsearch child JVM, Temporal) ...");
    EmbeddedSteward steward = EmbeddedSteward.start(data, properties);
    StewardApi.awaitHealthy(steward.port(), Duration.ofMinutes(2));
    System.out.printf("stack up in %.1f s%n", (System.nanoTime() - started) / 1e9);
    return new BenchStack(data, steward);
  }

  StewardApi admin(String tenant) {
    return new StewardApi(steward.port(), key("bench-admin-" + tenant));
  }

  StewardApi requester(String tenant) {
    return new StewardApi(steward.port(), key("bench-requester-" + tenant));
  }

  ApplicationContext context() {
    return steward.context();
  }

  @Override
  public void close() throws IOException {
    try {
      steward.close();
    } finally {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Map<String, Object> apiKey(
      int index, String principal, String tenant, String roles) {
    String prefix = "steward.security.api-keys[" + index + "].";
    return Map.of(
        prefix + "principal", principal,
        prefix + "tenant", tenant,
        prefix + "roles", roles,
        prefix + "key-sha256", sha256(key(principal)));
  }

  /** Keys only live for one local run, so they are derived from the principal. */
  private static String key(String principal) {
    return principal + "-key";
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
