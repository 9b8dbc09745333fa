package dev.steward.app;

import dev.steward.api.document.DocumentIngestion;
import dev.steward.api.document.DocumentUpload;
import dev.steward.store.document.DocumentStore;
import dev.steward.workflows.ingestion.IngestionProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Ingests the bundled help-center articles of the fictional shop into the demo tenant, through the
 * same path as {@code POST /v1/documents}. Runs after the workers start (ingestion needs them), in
 * the background; health stays DOWN until every article is indexed.
 */
@Component("demoCorpus")
class DemoCorpus implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(DemoCorpus.class);
  private static final String ARTICLES = "classpath*:demo-corpus/*.md";

  private final DocumentIngestion ingestion;
  private final DocumentStore documents;
  private final boolean enabled;
  private final String tenant;
  private final AtomicReference<Health> health =
      new AtomicReference<>(Health.down().withDetail("demoCorpus", "not loaded yet").build());

  DemoCorpus(
      DocumentIngestion ingestion,
      DocumentStore documents,
      @Value("${steward.demo-corpus.enabled:true}") boolean enabled,
      @Value("${steward.demo-corpus.tenant:acme}") String tenant) {
    this.ingestion = ingestion;
    this.documents = documents;
    this.enabled = enabled;
    this.tenant = tenant;
    if (!enabled) {
      health.set(Health.up().withDetail("demoCorpus", "disabled").build());
    }
  }

  /** Not a CommandLineRunner: workers start on ApplicationReadyEvent, after runners return. */
  @EventListener(ApplicationReadyEvent.class)
  void load() {
    if (enabled) {
      CompletableFuture.runAsync(this::ingestAll)
          .exceptionally(e -> {
            log.error("demo corpus could not be loaded", e);
            health.set(Health.down(e).build());
            return null;
          });
    }
  }

  @Override
  public Health health() {
    return health.get();
  }

  private void ingestAll() {
    List<String> ids = new ArrayList<>();
    for (Resource article : articles()) {
      String id = article.getFilename().replaceFirst("\\.md$", "");
      String text = read(article);
      String title = text.lines().findFirst().orElse(id).replaceFirst("^#\\s*", "");
      ingestion.ingest(tenant, new DocumentUpload(id, title, "text/markdown", text));
      ids.add(id);
    }
    awaitIndexed(ids);
    log.info("demo corpus ready: {} articles indexed for tenant '{}'", ids.size(), tenant);
    health.set(Health.up().withDetail("demoCorpus", ids.size() + " articles indexed").build());
  }

  private void awaitIndexed(List<String> ids) {
    String indexed = IngestionProgress.State.INDEXED.name();
    long deadline = System.nanoTime() + 300_000_000_000L;
    for (String id : ids) {
      while (!documents.status(tenant, id).map(s -> indexed.equals(s.state())).orElse(false)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("demo article " + id + " was not indexed in time");
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while loading the demo corpus", e);
        }
      }
    }
  }

  private static Resource[] articles() {
    try {
      return new PathMatchingResourcePatternResolver(DemoCorpus.class.getClassLoader())
          .getResources(ARTICLES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Resource resource) {
    try {
      return resource.getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
