package dev.steward.app;

import static dev.steward.app.StewardHttp.APPROVER;
import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.document.DocumentIngestion;
import dev.steward.api.document.DocumentUpload;
import dev.steward.codec.AesGcmPayloadCodec;
import dev.steward.temporalserver.TemporalDevServer;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payload encryption against Temporal's real dev server: tasks whose inputs hold a distinctive
 * marker and an e-mail address run to completion (one through an approval with a comment), the
 * server is stopped so that SQLite has written everything, and the bytes of its database hold none
 * of the input, the answer or the comment.
 *
 * <p>Two controls keep the test honest: a workflow started by a client without the codec leaves its
 * marker readable in the same file (so the scan does find plaintext), and the encrypted input read
 * back from the history decodes to the marker through the codec server.
 */
class PayloadEncryptionIT {

  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(90);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ENGINEER = "demo-engineer-key";

  private static final String MARKER = "QZX-quokka-7719";
  private static final String EMAIL = "jane.quokka7719@example.org";
  private static final String COMMENT_MARKER = "QZX-approver-note-4402";
  private static final String CONTROL_MARKER = "QZX-plaintext-control-3318";
  private static final String POLICY =
      "Damaged parcels are refunded in full: a refund is issued within 45 days of delivery."
          + " Pack the damaged item in its original box and print the prepaid return label.";

  private static Path data;
  private static EmbeddedSteward steward;
  private static String answer;
  private static String keyId;
  private static Payload storedInput;
  private static JsonNode decodedInput;
  private static int requesterDecodeStatus;
  private static CliRun historyByCli;
  private static CliRun historyByCliWithoutKey;
  private static byte[] database;
  private static List<String> databaseFiles;

  @BeforeAll
  static void runTasksThenStopTheServer() throws Exception {
    data = Files.createTempDirectory("steward-encryption-it");
    steward =
        EmbeddedSteward.start(
            data,
            TemporalSetup.devServerOnFreePorts(),
            Map.of("server.port", 0, "steward.demo-corpus.enabled", false));
    try {
      StewardHttp http = new StewardHttp(steward.port());
      http.awaitHealthy(Duration.ofSeconds(120));
      ingestPolicy();

      String supportTask = startSupportAnswer(http);
      JsonNode done =
          http.awaitTask(supportTask, REQUESTER, s -> !s.equals("RUNNING"), TASK_TIMEOUT);
      assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
      answer = done.path("output").path("answer").asString();
      approveRefund(http);
      startWithoutCodec();

      storedInput = startInputAsStored(supportTask);
      keyId = storedInput.getMetadataMap().get(AesGcmPayloadCodec.KEY_ID).toStringUtf8();
      String body = JSON.writeValueAsString(Map.of("payloads", List.of(wire(storedInput))));
      var decoded = http.post("/codec/decode", ENGINEER, body);
      assertThat(decoded.status()).as(decoded.body()).isEqualTo(200);
      decodedInput = decoded.json().path("payloads").get(0);
      requesterDecodeStatus = http.post("/codec/decode", REQUESTER, body).status();
      historyByCli = showWithCli(supportTask, "--codec-header", "X-API-Key=" + ENGINEER);
      historyByCliWithoutKey = showWithCli(supportTask);
    } finally {
      // Stops the application, then the dev server (SIGTERM), which leaves SQLite complete.
      steward.close();
    }
    Path temporal = data.resolve("temporal");
    try (Stream<Path> files = Files.list(temporal)) {
      // The database, and its write-ahead log or journal when SQLite left one.
      List<Path> sqlite =
          files
              .filter(f -> f.getFileName().toString().matches("temporal\\.db(-wal|-journal)?"))
              .sorted()
              .toList();
      databaseFiles = sqlite.stream().map(f -> f.getFileName().toString()).toList();
      List<byte[]> parts = new ArrayList<>();
      for (Path file : sqlite) {
        parts.add(Files.readAllBytes(file));
      }
      database = concat(parts);
    }
  }

  @Test
  void theServersDatabaseHoldsNoInputAnswerOrCommentInPlaintext() {
    assertThat(databaseFiles).contains("temporal.db");
    assertThat(database.length).isGreaterThan(10_000);
    assertThat(answer).isNotBlank();

    assertThat(occurs(MARKER)).as("the input's marker").isFalse();
    assertThat(occurs(EMAIL)).as("the e-mail address").isFalse();
    assertThat(occurs(answer)).as("the answer").isFalse();
    assertThat(occurs("Damaged parcels are refunded in full")).as("a retrieved passage").isFalse();
    assertThat(occurs(COMMENT_MARKER)).as("the approver's comment").isFalse();
    // The control: what a client without the codec stored is readable in the very same bytes.
    assertThat(occurs(CONTROL_MARKER)).as("the unencrypted control").isTrue();
  }

  @Test
  void theHistoryHoldsCiphertextThatTheCodecServerDecodesForEngineers() {
    assertThat(AesGcmPayloadCodec.isEncrypted(storedInput)).isTrue();
    assertThat(storedInput.getData().toStringUtf8()).doesNotContain(MARKER).doesNotContain(EMAIL);

    String encoding = text(decodedInput.path("metadata").path("encoding"));
    String input = text(decodedInput.path("data"));
    assertThat(encoding).isEqualTo("json/plain");
    assertThat(input).contains(MARKER).contains(EMAIL);
    assertThat(requesterDecodeStatus).isEqualTo(403);
  }

  @Test
  void theTemporalCliShowsTheHistoryDecodedThroughTheCodecServerWithAnEngineersKey() {
    assertThat(historyByCli.exitCode()).as(historyByCli.output()).isZero();
    JsonNode input = historyByCli.startedInput();
    assertThat(text(input.path("metadata").path("encoding"))).isEqualTo("json/plain");
    assertThat(text(input.path("data"))).contains(MARKER).contains(EMAIL);
    // Without a key the codec server refuses, and the CLI has nothing readable to show.
    if (historyByCliWithoutKey.exitCode() == 0) {
      JsonNode stillEncrypted = historyByCliWithoutKey.startedInput();
      assertThat(text(stillEncrypted.path("metadata").path("encoding")))
          .isEqualTo(AesGcmPayloadCodec.ENCODING);
    }
    assertThat(historyByCliWithoutKey.output()).doesNotContain(MARKER);
  }

  @Test
  void theEmbeddedDefaultKeepsItsGeneratedKeyWhereOnlyItsOwnerReadsIt() throws Exception {
    Path keyFile = data.resolve("codec/payload-key.properties");

    assertThat(keyId).startsWith("local-");
    assertThat(Files.readString(keyFile)).contains("id=" + keyId);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
  }

  private static void ingestPolicy() throws InterruptedException {
    steward
        .context()
        .getBean(DocumentIngestion.class)
        .ingest(
            "acme", new DocumentUpload("damaged-parcels", "Damaged parcels", "text/plain", POLICY));
    new IngestionHttp(steward.port()).awaitIndexed("damaged-parcels", 0);
  }

  private static String startSupportAnswer(StewardHttp http) {
    String question =
        "How long do I have to return a damaged parcel? It is parcel %s for customer %s."
            .formatted(MARKER, EMAIL);
    var reply =
        http.post(
            "/v1/tasks",
            REQUESTER,
            JSON.writeValueAsString(
                Map.of("type", "support-answer", "input", Map.of("question", question))));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    return reply.json().path("taskId").asString();
  }

  /** A refund that waits for an approver, whose comment is personal data too. */
  private static void approveRefund(StewardHttp http) throws InterruptedException {
    var reply =
        http.post(
            "/v1/tasks",
            REQUESTER,
            """
            {"type":"refund-decision","input":{"orderId":"LG-77190001","orderTotal":150,
             "requestedAmount":150,"reason":"Parcel %s arrived damaged, the lid is cracked",
             "daysSinceDelivery":3,"itemCondition":"damaged"}}\
            """
                .formatted(MARKER));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    String taskId = reply.json().path("taskId").asString();
    JsonNode waiting = http.awaitTask(taskId, REQUESTER, s -> !s.equals("RUNNING"), TASK_TIMEOUT);
    assertThat(waiting.path("status").asString())
        .as(waiting.toString())
        .isEqualTo("AWAITING_APPROVAL");
    String decision =
        JSON.writeValueAsString(
            Map.of(
                "verdict",
                "APPROVE",
                "comment",
                "photos checked with " + EMAIL + " " + COMMENT_MARKER,
                "actionHash",
                waiting.path("pendingApproval").path("actionHash").asString()));
    var decided = http.post("/v1/tasks/" + taskId + "/decision", APPROVER, decision);
    assertThat(decided.status()).as(decided.body()).isEqualTo(200);
    http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
  }

  /**
   * A client with Temporal's default converter (no codec) starts a workflow on a queue no worker
   * polls: its input is stored as plaintext, which the scan must find.
   */
  private static void startWithoutCodec() {
    WorkflowClient encrypting = steward.context().getBean(WorkflowClient.class);
    WorkflowClient plain =
        WorkflowClient.newInstance(
            encrypting.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder().setNamespace("default").build());
    plain
        .newUntypedWorkflowStub(
            "PlaintextControl",
            WorkflowOptions.newBuilder()
                .setTaskQueue("plaintext-control")
                .setWorkflowId("plaintext-control")
                .build())
        .start(Map.of("note", CONTROL_MARKER));
  }

  /** {@code temporal workflow show} through Steward's codec server, with {@code extra} options. */
  /** What {@code temporal workflow show --output json} printed, and how it exited. */
  private record CliRun(int exitCode, String output) {

    /** The workflow's input payload, as the CLI got it back from the codec server. */
    JsonNode startedInput() {
      return JSON.readTree(output)
          .path("events")
          .get(0)
          .path("workflowExecutionStartedEventAttributes")
          .path("input")
          .path("payloads")
          .get(0);
    }
  }

  private static CliRun showWithCli(String workflowId, String... extra) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                TemporalDevServer.findCli().orElseThrow().toString(),
                "workflow",
                "show",
                "--workflow-id",
                workflowId,
                "--address",
                steward.temporalTarget().orElseThrow(),
                "--codec-endpoint",
                "http://localhost:" + steward.port() + "/codec",
                "--output",
                "json"));
    command.addAll(List.of(extra));
    Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new CliRun(cli.exitValue(), output);
  }

  /** The workflow's input as the server holds it: read with the raw API, so nothing decodes it. */
  private static Payload startInputAsStored(String workflowId) {
    WorkflowClient client = steward.context().getBean(WorkflowClient.class);
    History history =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build())
            .getHistory();
    return history
        .getEvents(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getInput()
        .getPayloads(0);
  }

  private static Map<String, Object> wire(Payload payload) {
    Map<String, String> metadata = new LinkedHashMap<>();
    payload
        .getMetadataMap()
        .forEach((k, v) -> metadata.put(k, Base64.getEncoder().encodeToString(v.toByteArray())));
    return Map.of(
        "metadata",
        metadata,
        "data",
        Base64.getEncoder().encodeToString(payload.getData().toByteArray()));
  }

  private static String text(JsonNode base64) {
    return new String(Base64.getDecoder().decode(base64.asString()), StandardCharsets.UTF_8);
  }

  private static boolean occurs(String text) {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i <= database.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (database[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static byte[] concat(List<byte[]> parts) {
    int size = parts.stream().mapToInt(p -> p.length).sum();
    byte[] all = new byte[size];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
