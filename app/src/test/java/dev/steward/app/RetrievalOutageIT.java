package dev.steward.app;

import static dev.steward.app.StewardHttp.APPROVER;
import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.document.DocumentIngestion;
import dev.steward.api.document.DocumentUpload;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Elasticsearch goes away mid-service: retrieval retries, then the support answer goes on
 * ungrounded as its task type allows; the read model catches up once the node is back.
 */
class RetrievalOutageIT {

  @Test
  void aSupportTaskProceedsUngroundedWhileElasticsearchIsDownAndIsListedAfterwards()
      throws Exception {
    try (EmbeddedSteward steward =
        EmbeddedSteward.start(
            Files.createTempDirectory("steward-outage"),
            Map.of("server.port", 0, "steward.demo-corpus.enabled", false))) {
      StewardHttp http = new StewardHttp(steward.port());
      http.awaitHealthy(Duration.ofSeconds(60));
      steward
          .context()
          .getBean(DocumentIngestion.class)
          .ingest("acme", new DocumentUpload("hours", "Hours", "text/plain", "We open at nine."));

      steward.stopElasticsearch();
      var accepted =
          http.post(
              "/v1/tasks",
              REQUESTER,
              "{\"type\":\"support-answer\",\"input\":{\"question\":\"When do you open?\"}}");
      assertThat(accepted.status()).isEqualTo(202);
      String taskId = accepted.json().path("taskId").asString();

      // An ungrounded support answer is held for an approver before it is released.
      JsonNode held =
          http.awaitTask(taskId, REQUESTER, "AWAITING_APPROVAL"::equals, Duration.ofSeconds(90));
      assertThat(held.path("pendingApproval").path("actionKind").asString())
          .isEqualTo("release-output");
      var approved =
          http.post(
              "/v1/tasks/" + taskId + "/decision",
              APPROVER,
              "{\"verdict\":\"APPROVE\",\"actionHash\":\""
                  + held.path("pendingApproval").path("actionHash").asString()
                  + "\"}");
      assertThat(approved.status()).as(approved.body()).isEqualTo(200);
      JsonNode answered =
          http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, Duration.ofSeconds(30));
      assertThat(answered.path("grounded").asBoolean()).isFalse();
      assertThat(answered.path("passages").isEmpty()).isTrue();
      assertThat(answered.path("warnings").get(0).asString())
          .contains("retrieval failed", "ungrounded");

      steward.restartElasticsearch();
      var listed = http.awaitListing("/v1/tasks?status=COMPLETED", REQUESTER, taskId, 600);
      assertThat(listed.body()).contains(taskId);
    }
  }
}
