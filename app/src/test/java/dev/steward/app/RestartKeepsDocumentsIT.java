package dev.steward.app;

import static dev.steward.app.StewardHttp.ADMIN;
import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Ingested documents live in the Elasticsearch data folder, so they outlive the process. */
class RestartKeepsDocumentsIT {

  private static final Map<String, Object> NO_DEMO =
      Map.of("server.port", 0, "steward.demo-corpus.enabled", false);

  @Test
  void aRestartKeepsIngestedDocuments() throws Exception {
    Path data = Files.createTempDirectory("steward-restart");
    try (EmbeddedSteward first = EmbeddedSteward.start(data, NO_DEMO)) {
      StewardHttp http = new StewardHttp(first.port());
      http.awaitHealthy(Duration.ofSeconds(60));
      var upload =
          http.post(
              "/v1/documents",
              ADMIN,
              """
              {"documentId":"pet-policy","title":"Pets in the showroom","contentType":"text/plain",
               "content":"Well-behaved dogs on a leash are welcome in the Larkspur showroom in Columbus."}\
              """);
      assertThat(upload.status()).isEqualTo(202);
      awaitIndexed(http);
    }

    try (EmbeddedSteward second = EmbeddedSteward.start(data, NO_DEMO)) {
      StewardHttp http = new StewardHttp(second.port());
      http.awaitHealthy(Duration.ofSeconds(60));
      assertThat(http.get("/v1/documents/pet-policy", ADMIN).json().path("state").asString())
          .isEqualTo("INDEXED");
      var start =
          http.post(
              "/v1/tasks",
              REQUESTER,
              "{\"type\":\"support-answer\",\"input\":{\"question\":\"Can I bring my dog to the showroom?\"}}");
      JsonNode task =
          http.awaitTask(
              start.json().path("taskId").asString(),
              REQUESTER,
              "COMPLETED"::equals,
              Duration.ofSeconds(60));
      assertThat(task.path("output").path("citations").toString()).contains("pet-policy");
    }
  }

  private static void awaitIndexed(StewardHttp http) throws InterruptedException {
    for (int i = 0; i < 150; i++) {
      var status = http.get("/v1/documents/pet-policy", ADMIN);
      if (status.status() == 200 && "INDEXED".equals(status.json().path("state").asString())) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("document not indexed");
  }
}
