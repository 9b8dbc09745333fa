package dev.steward.app;

import static dev.steward.app.StewardHttp.ADMIN;
import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.chunk.ChunkIndexVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A re-index to a new index version on the real Elasticsearch node: searches answer before, during
 * and after it; a document uploaded meanwhile is in the new index; the alias ends on v2.
 */
class IngestionReindexIT {

  private static final int DOCUMENTS = 12;

  @Test
  void reindexSwapsTheAliasWithoutDowntimeAndKeepsUploadsMadeMeanwhile() throws Exception {
    Path data = Files.createTempDirectory("steward-reindex-it");
    try (EmbeddedSteward steward =
        EmbeddedSteward.start(
            data,
            Map.of("server.port", 0, "steward.demo-corpus.enabled", false),
            new Class<?>[] {CountingEmbeddings.class})) {
      IngestionHttp http = new IngestionHttp(steward.port());
      http.plain().awaitHealthy(Duration.ofSeconds(120));
      ElasticsearchClient elasticsearch = steward.context().getBean(ElasticsearchClient.class);
      ChunkIndexVersions chunks = steward.context().getBean(ChunkIndexVersions.class);
      long since = System.currentTimeMillis();
      for (int i = 0; i < DOCUMENTS; i++) {
        upload(http, "article-" + i, "The walnut sideboard note " + i + ". " + filler(i));
      }
      for (int i = 0; i < DOCUMENTS; i++) {
        http.awaitIndexed("article-" + i, since);
      }
      assertThat(chunks.currentIndex()).contains("steward-chunks-v1");

      AtomicBoolean searching = new AtomicBoolean(true);
      AtomicInteger answered = new AtomicInteger();
      AtomicInteger missed = new AtomicInteger();
      Thread searcher =
          Thread.ofVirtual()
              .start(() -> {
                while (searching.get()) {
                  try {
                    long hits =
                        elasticsearch
                            .search(
                                s ->
                                    s.index(ChunkIndex.ALIAS)
                                        .query(q ->
                                            q.bool(b ->
                                                b.filter(f ->
                                                        f.term(
                                                            t -> t.field("tenant").value("acme")))
                                                    .must(m ->
                                                        m.match(mt ->
                                                            mt.field("text")
                                                                .query("walnut sideboard"))))),
                                Void.class)
                            .hits()
                            .hits()
                            .size();
                    (hits > 0 ? answered : missed).incrementAndGet();
                    Thread.sleep(20);
                  } catch (Exception e) {
                    missed.incrementAndGet();
                  }
                }
              });

      CountingEmbeddings.delayMillis = 100;
      assertThat(http.plain().post("/v1/admin/reindex", REQUESTER, "{}").status()).isEqualTo(403);
      var started = http.plain().post("/v1/admin/reindex", ADMIN, "{\"targetVersion\":2}");
      assertThat(started.status()).as(started.body()).isEqualTo(202);
      String reindexId = started.json().path("reindexId").asString();
      long duringSince = System.currentTimeMillis();
      upload(http, "during", "The velvet ottoman arrived while the index moved.");

      JsonNode done = awaitReindex(http, reindexId);
      CountingEmbeddings.delayMillis = 0;
      http.awaitIndexed("during", duringSince);
      searching.set(false);
      searcher.join();

      assertThat(done.path("targetIndex").asString()).isEqualTo("steward-chunks-v2");
      assertThat(done.path("documents").asInt()).isGreaterThanOrEqualTo(DOCUMENTS);
      assertThat(chunks.currentIndex()).contains("steward-chunks-v2");
      assertThat(elasticsearch.indices().exists(e -> e.index("steward-chunks-v1")).value())
          .isFalse();
      assertThat(missed.get()).isZero();
      assertThat(answered.get()).isGreaterThan(10);

      elasticsearch.indices().refresh(r -> r.index("steward-chunks-v2"));
      for (String id : Set.of("article-0", "article-" + (DOCUMENTS - 1), "during")) {
        int total =
            http.plain().get("/v1/documents/" + id, ADMIN).json().path("chunksTotal").asInt();
        long inV2 =
            elasticsearch
                .count(c ->
                    c.index("steward-chunks-v2")
                        .query(q -> q.term(t -> t.field("documentId").value(id))))
                .count();
        assertThat(inV2).as(id).isEqualTo(total).isPositive();
      }

      // New uploads now land in v2 through the alias.
      long after = System.currentTimeMillis();
      upload(http, "after", "The linen throw is machine washable.");
      http.awaitIndexed("after", after);
      assertThat(
              elasticsearch
                  .count(c ->
                      c.index("steward-chunks-v2")
                          .query(q -> q.term(t -> t.field("documentId").value("after"))))
                  .count())
          .isPositive();
    }
  }

  private static JsonNode awaitReindex(IngestionHttp http, String reindexId)
      throws InterruptedException {
    JsonNode last = null;
    for (int i = 0; i < 600; i++) {
      var reply = http.plain().get("/v1/admin/reindex/" + reindexId, ADMIN);
      if (reply.status() == 200) {
        last = reply.json();
        String state = last.path("state").asString();
        if ("DONE".equals(state)) {
          return last;
        }
        assertThat(state).as(last.toString()).isNotEqualTo("FAILED");
      }
      Thread.sleep(200);
    }
    throw new AssertionError("re-index did not finish: " + last);
  }

  private static void upload(IngestionHttp http, String id, String content) {
    var reply =
        http.plain()
            .post(
                "/v1/documents",
                ADMIN,
                JsonMapper.builder()
                    .build()
                    .writeValueAsString(
                        Map.of(
                            "documentId",
                            id,
                            "title",
                            "Article " + id,
                            "contentType",
                            "text/markdown",
                            "content",
                            "# Furniture\n\n" + content)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
  }

  private static String filler(int i) {
    return ("Care instructions for piece " + i + " cover oiling, dusting and sunlight. ")
        .repeat(30);
  }
}
