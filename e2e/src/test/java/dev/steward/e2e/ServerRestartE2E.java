package dev.steward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Temporal server itself dies (kill -9) while tasks wait for approval, and starts again on its
 * SQLite file: the api and the worker reconnect on their own, and approvals sent over the API after
 * the restart complete the tasks, each acting once.
 */
@ExtendWith(SharedCluster.class)
class ServerRestartE2E {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @Test
  void approvalsAfterAServerRestartCompleteTheTasksThatWaited(StewardCluster cluster) {
    cluster.ensureWorkers(1);
    List<ChildJvm> workers = cluster.workers();
    E2eTasks tasks = cluster.tasks();
    Map<String, String> hashes = new LinkedHashMap<>();
    for (String tag : List.of("E2E-restart-a", "E2E-restart-b", "E2E-restart-c")) {
      hashes.put(tasks.refund(tag, 150 + 100 * hashes.size()), null);
    }
    for (String taskId : hashes.keySet()) {
      await(
          () -> "AWAITING_APPROVAL".equals(cluster.api().task(taskId).path("status").asString()),
          taskId + " awaiting approval");
      hashes.put(
          taskId, cluster.api().task(taskId).path("pendingApproval").path("actionHash").asString());
    }

    Duration serverStart = cluster.restartTemporal();
    Instant restarted = Instant.now();

    Map<String, Duration> accepted = new LinkedHashMap<>();
    hashes.forEach((taskId, hash) -> {
      await(
          () -> {
            StewardApi.Reply reply = cluster.api().approve(taskId, hash);
            return reply.status() == 200;
          },
          "approval of " + taskId + " accepted");
      accepted.put(taskId, Duration.between(restarted, Instant.now()));
    });
    for (String taskId : hashes.keySet()) {
      await(
          () -> "COMPLETED".equals(cluster.api().task(taskId).path("status").asString()),
          taskId + " completed");
    }
    Duration allDone = Duration.between(restarted, Instant.now());

    Map<String, Integer> ledger = cluster.ledgerEntries();
    hashes
        .keySet()
        .forEach(id -> assertThat(ledger.get(id)).as("side effects of " + id).isEqualTo(1));
    assertThat(cluster.workers()).as("the same worker processes, reconnected").isEqualTo(workers);
    System.out.printf(
        "[e2e] Temporal server kill -9 and restart on its SQLite file: server up again in %.1f s;"
            + " approvals accepted %s after it; all %d tasks completed %.1f s after it%n",
        serverStart.toMillis() / 1000.0,
        accepted.values().stream()
            .map(d -> String.format("%.1f s", d.toMillis() / 1000.0))
            .toList(),
        hashes.size(),
        allDone.toMillis() / 1000.0);
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    RuntimeException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // The server is still coming back, or the api not yet reconnected.
        lastError = e;
      }
      StewardCluster.sleep(250);
    }
    throw new AssertionError("not " + what + " within " + TIMEOUT, lastError);
  }
}
