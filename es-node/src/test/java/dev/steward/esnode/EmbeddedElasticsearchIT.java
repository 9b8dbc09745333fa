package dev.steward.esnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedElasticsearchIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path sharedDataDir;

  private static EmbeddedElasticsearch node;

  @BeforeAll
  static void startNode() {
    node = EmbeddedElasticsearch.start(sharedDataDir);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void reportsLoopbackUrlOfARunningNode() throws Exception {
    assertThat(node.httpUrl()).matches("http://127\\.0\\.0\\.1:\\d+");

    Response health = call(node, "GET", "/_cluster/health", null);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).contains("\"cluster_name\":\"steward-embedded\"");
  }

  @Test
  void englishAnalyzerMatchesOtherFormsOfAWord() throws Exception {
    put(
        node,
        "/stemming",
        """
        {"settings": {"number_of_replicas": 0},
         "mappings": {"properties": {"text": {"type": "text", "analyzer": "english"}}}}
        """);
    put(node, "/stemming/_doc/1?refresh=true", "{\"text\": \"The agent returns the form\"}");

    Response search =
        call(
            node,
            "POST",
            "/stemming/_search",
            "{\"query\": {\"match\": {\"text\": \"returned\"}}}");

    assertThat(search.status()).isEqualTo(200);
    assertThat(search.body()).contains("\"total\":{\"value\":1,");
  }

  @Test
  void knnSearchFindsNearestDenseVector() throws Exception {
    put(
        node,
        "/vectors",
        """
        {"settings": {"number_of_replicas": 0},
         "mappings": {"properties": {"embedding": {
           "type": "dense_vector", "dims": 3, "similarity": "cosine", "index": true,
           "index_options": {"type": "hnsw"}}}}}
        """);
    put(node, "/vectors/_doc/east", "{\"embedding\": [1.0, 0.0, 0.0]}");
    put(node, "/vectors/_doc/north?refresh=true", "{\"embedding\": [0.0, 1.0, 0.0]}");

    Response search =
        call(
            node,
            "POST",
            "/vectors/_search",
            """
            {"knn": {"field": "embedding", "query_vector": [0.1, 0.9, 0.0],
                     "k": 1, "num_candidates": 10},
             "_source": false}
            """);

    assertThat(search.status()).isEqualTo(200);
    assertThat(search.body()).contains("\"_id\":\"north\"").doesNotContain("\"_id\":\"east\"");
  }

  @Test
  void keepsDocumentsAcrossRestartOnTheSameDataDir(@TempDir Path dataDir) throws Exception {
    try (EmbeddedElasticsearch first = EmbeddedElasticsearch.start(dataDir)) {
      put(first, "/notes", "{\"settings\": {\"number_of_replicas\": 0}}");
      put(first, "/notes/_doc/1", "{\"text\": \"kept\"}");
    }

    try (EmbeddedElasticsearch second = EmbeddedElasticsearch.start(dataDir)) {
      Response document = call(second, "GET", "/notes/_doc/1", null);

      assertThat(document.status()).isEqualTo(200);
      assertThat(document.body()).contains("\"text\": \"kept\"");
    }
  }

  private static void put(EmbeddedElasticsearch es, String path, String json)
      throws IOException, InterruptedException {
    Response response = call(es, "PUT", path, json);
    assertThat(response.status()).as("PUT %s: %s", path, response.body()).isBetween(200, 201);
  }

  private record Response(int status, String body) {}

  private static Response call(EmbeddedElasticsearch es, String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(es.httpUrl() + path))
            .header("Content-Type", "application/json")
            .method(method, body)
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }
}
