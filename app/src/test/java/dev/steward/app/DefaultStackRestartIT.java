package dev.steward.app;

import static dev.steward.app.StewardHttp.APPROVER;
import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.store.action.ActionLedger;
import dev.steward.temporalserver.TemporalDevServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The default run mode keeps its promises. With Temporal's real dev server, the whole stack (the
 * application, Elasticsearch, Temporal) stops while a refund waits for approval, starts again on
 * the same data folder and ports, and the approval then completes the task, acting once. Where the
 * dev server cannot start, Steward falls back to the in-process server and says why; a Temporal the
 * caller names wins over both.
 */
class DefaultStackRestartIT {

  private static final Duration STARTUP = Duration.ofSeconds(180);
  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path data;

  @Test
  void refundAwaitingApprovalCompletesAfterTheWholeStackRestarts() throws Exception {
    TemporalSetup temporal;
    String taskId;
    String actionHash;
    try (EmbeddedSteward first = start(TemporalSetup.devServerOnFreePorts())) {
      temporal = first.temporal();
      assertThat(temporal.mode()).isEqualTo(TemporalSetup.Mode.DEV_SERVER);
      assertThat(first.temporalTarget()).contains("127.0.0.1:" + temporal.port());
      assertThat(first.temporalUiUrl()).contains("http://127.0.0.1:" + temporal.uiPort());
      StewardHttp http = new StewardHttp(first.port());
      http.awaitHealthy(STARTUP);

      taskId = startRefund(http, 180);
      JsonNode waiting =
          http.awaitTask(taskId, REQUESTER, "AWAITING_APPROVAL"::equals, TASK_TIMEOUT);
      actionHash = waiting.path("pendingApproval").path("actionHash").asString();
      assertThat(actionHash).hasSize(64);
    }
    assertThat(listening(temporal.port())).as("the dev server stopped with Steward").isFalse();
    assertThat(Files.exists(data.resolve("temporal/temporal.db"))).isTrue();

    try (EmbeddedSteward second = start(temporal)) {
      assertThat(second.temporal()).isEqualTo(temporal);
      String target = second.temporalTarget().orElseThrow();
      StewardHttp http = new StewardHttp(second.port());
      JsonNode kept = http.awaitTask(taskId, REQUESTER, "AWAITING_APPROVAL"::equals, TASK_TIMEOUT);
      assertThat(kept.path("pendingApproval").path("actionHash").asString()).isEqualTo(actionHash);

      String attributes = cli(target, "operator", "search-attribute", "list");
      TemporalDevServer.STEWARD_SEARCH_ATTRIBUTES
          .keySet()
          .forEach(name -> assertThat(attributes).contains(name));
      assertThat(cli(target, "workflow", "list", "--query", "StewardTenant='acme'"))
          .contains(taskId);
      assertThat(cli(target, "workflow", "list", "--query", "StewardTenant='globex'"))
          .doesNotContain(taskId);

      var decision =
          http.post(
              "/v1/tasks/" + taskId + "/decision",
              APPROVER,
              "{\"verdict\":\"APPROVE\",\"actionHash\":\"" + actionHash + "\"}");
      assertThat(decision.status()).as(decision.body()).isEqualTo(200);
      JsonNode done = http.awaitTask(taskId, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);
      assertThat(done.path("action").path("firstExecution").asBoolean()).isTrue();
      assertThat(second.context().getBean(ActionLedger.class).countFor(taskId)).isEqualTo(1);
    }
    assertThat(listening(temporal.port())).isFalse();
  }

  @Test
  void fallsBackToTheInProcessServerAndSaysWhyWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        EmbeddedTemporal temporal =
            EmbeddedTemporal.start(
                TemporalSetup.runDefault().overriddenBy(Map.of(), portArgument(taken)),
                data,
                Map.of(),
                new String[0])) {
      assertThat(temporal.setup().mode()).isEqualTo(TemporalSetup.Mode.IN_PROCESS);
      assertThat(temporal.target()).isEmpty();
      assertThat(temporal.springArguments())
          .contains("--spring.temporal.test-server.enabled=true")
          .anyMatch(a ->
              a.startsWith("--steward.temporal.fallback-reason=")
                  && a.contains(":" + taken.getLocalPort() + " is in use"));
    }
  }

  @Test
  void startsNoServerWhenTheCallerNamesItsOwn() {
    Map<String, Object> callers = Map.of("spring.temporal.connection.target", "127.0.0.1:7233");
    try (EmbeddedTemporal temporal =
        EmbeddedTemporal.start(
            TemporalSetup.devServerOnFreePorts(), data, callers, new String[0])) {
      assertThat(temporal.target()).isEmpty();
      assertThat(temporal.springArguments())
          .containsExactly("--spring.temporal.test-server.enabled=false");
    }
    assertThat(data.resolve("temporal")).doesNotExist();
  }

  @Test
  void argumentsOverrideTheRequestedTemporal() {
    TemporalSetup chosen =
        TemporalSetup.inProcess()
            .overriddenBy(
                Map.of("steward.temporal.port", "7300", "steward.temporal.ui-port", "8300"),
                new String[] {
                  "--steward.temporal.mode=dev-server", "--steward.temporal.port=7400"
                });
    assertThat(chosen).isEqualTo(TemporalSetup.devServer(7400, 8300));
  }

  private static String[] portArgument(ServerSocket taken) {
    return new String[] {"--steward.temporal.port=" + taken.getLocalPort()};
  }

  private EmbeddedSteward start(TemporalSetup temporal) throws Exception {
    return EmbeddedSteward.start(data, temporal, Map.of("server.port", 0));
  }

  private static String startRefund(StewardHttp http, double amount) {
    var reply =
        http.post(
            "/v1/tasks",
            REQUESTER,
            """
            {"type":"refund-decision","input":{"orderId":"LG-%08d","orderTotal":%s,
             "requestedAmount":%s,"reason":"The kettle arrived with a cracked lid",
             "daysSinceDelivery":3,"itemCondition":"damaged"}}\
            """
                .formatted((long) (Math.random() * 1e8), amount, amount));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    return reply.json().path("taskId").asString();
  }

  /** The {@code temporal} CLI against the dev server, as an engineer would use it. */
  private static String cli(String target, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(TemporalDevServer.findCli().orElseThrow().toString());
    command.addAll(List.of(args));
    command.addAll(List.of("--address", target));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    return out;
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
