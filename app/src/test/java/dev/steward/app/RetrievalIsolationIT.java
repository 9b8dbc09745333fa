package dev.steward.app;

import static dev.steward.app.StewardHttp.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.steward.api.document.DocumentIngestion;
import dev.steward.api.document.DocumentUpload;
import dev.steward.retrieval.HybridSearch;
import dev.steward.retrieval.SearchQuery;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.document.DocumentStore;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tenant never receives another tenant's chunks, by BM25 or kNN, whatever the query: the tenant
 * filter is applied inside both searches on the real Elasticsearch node.
 */
class RetrievalIsolationIT {

  private static final String SECRET = "The globex vault combination is seven four one one";

  private static EmbeddedSteward steward;
  private static StewardHttp http;

  @BeforeAll
  static void start() throws Exception {
    steward =
        EmbeddedSteward.start(
            Files.createTempDirectory("steward-isolation"),
            Map.of("server.port", 0, "steward.demo-corpus.enabled", false));
    http = new StewardHttp(steward.port());
    http.awaitHealthy(Duration.ofSeconds(60));
    DocumentIngestion ingestion = steward.context().getBean(DocumentIngestion.class);
    ingestion.ingest(
        "globex", new DocumentUpload("vault", "Vault procedures", "text/plain", SECRET + "."));
    ingestion.ingest(
        "acme",
        new DocumentUpload(
            "returns", "Returns", "text/plain", "Items can be returned within thirty days."));
    awaitIndexed("globex", "vault");
    awaitIndexed("acme", "returns");
  }

  @AfterAll
  static void stop() {
    if (steward != null) {
      steward.close();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        SECRET,
        "globex vault combination",
        "tenant:globex vault",
        "* OR tenant:globex",
        "\"}}, \"tenant\": \"globex\"",
        "vault\" OR \"1\"=\"1"
      })
  void acmeNeverSeesGlobexChunks(String crafted) {
    ChunkIndex chunks = steward.context().getBean(ChunkIndex.class);
    float[] vector =
        steward.context().getBean(EmbeddingModel.class).embed(crafted).content().vector();

    var bm25 = chunks.searchText("acme", crafted, 50, Map.of());
    var knn = chunks.searchVector("acme", vector, 50, Map.of());
    var hybrid =
        steward
            .context()
            .getBean(HybridSearch.class)
            .search(new SearchQuery("acme", crafted, 50, 0, Map.of()));

    assertThat(bm25).allSatisfy(hit -> assertThat(hit.chunk().tenant()).isEqualTo("acme"));
    assertThat(knn)
        .isNotEmpty()
        .allSatisfy(hit -> assertThat(hit.chunk().tenant()).isEqualTo("acme"));
    assertThat(hybrid).allSatisfy(p -> assertThat(p.chunk().tenant()).isEqualTo("acme"));
    assertThat(hybrid).noneMatch(p -> p.chunk().text().contains("vault"));
  }

  @Test
  void theSameQueryFindsTheSecretForItsOwnTenant() {
    var own =
        steward
            .context()
            .getBean(HybridSearch.class)
            .search(new SearchQuery("globex", SECRET, 5, 0, Map.of()));

    assertThat(own).isNotEmpty();
    assertThat(own.getFirst().chunk().documentId()).isEqualTo("vault");
    assertThat(own.getFirst().textRank()).isEqualTo(1);
    assertThat(own.getFirst().vectorRank()).isEqualTo(1);
  }

  @Test
  void searchEndpointShowsEachRetrieversRankAndStaysInTheCallersTenant() {
    var reply = http.get("/v1/search?q=returned+within+days&k=3", ADMIN);
    assertThat(reply.status()).isEqualTo(200);
    var first = reply.json().path("passages").get(0);
    assertThat(first.path("documentId").asString()).isEqualTo("returns");
    assertThat(first.path("bm25").path("rank").asInt()).isEqualTo(1);
    assertThat(first.path("knn").path("rank").asInt()).isEqualTo(1);
    assertThat(reply.body()).doesNotContain("vault");

    assertThat(http.get("/v1/search?q=vault&tenant=globex", ADMIN).status()).isEqualTo(403);
    assertThat(http.get("/v1/search?q=vault", StewardHttp.REQUESTER).status()).isEqualTo(403);
    assertThat(http.get("/v1/search?q=vault&k=0", ADMIN).status()).isEqualTo(400);
  }

  private static void awaitIndexed(String tenant, String documentId) throws InterruptedException {
    DocumentStore documents = steward.context().getBean(DocumentStore.class);
    for (int i = 0; i < 150; i++) {
      if (documents
          .status(tenant, documentId)
          .map(s -> "INDEXED".equals(s.state()))
          .orElse(false)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(documentId + " not indexed");
  }
}
