package dev.steward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.e2e.TemporalProbe.ActivityRun;
import dev.steward.e2e.TemporalProbe.LocalRun;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 of a worker in the middle of each step of a task: every task completes on another worker,
 * no model call that was answered is paid for again, and the act step's side effect happens once.
 *
 * <p>One task per step, each held by a test-only worker ({@link ControlledWorker}) right after its
 * step's body ran (the model answered, the ledger written) and before the result reached Temporal:
 * the worst moment to die. Another task waits for approval. Once all are in place, a standby worker
 * (started earlier, not polling until told) takes over, the holding worker is killed, and the
 * server's history shows each held step retried on the standby: attempt 2 of an activity after its
 * heartbeat timed out, or a local activity (screen, validate) run again after its workflow task
 * timed out.
 */
@ExtendWith(SharedCluster.class)
class WorkerCrashE2E {

  private static final Duration IN_PLACE_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration DONE_TIMEOUT = Duration.ofSeconds(120);

  /** A task killed inside {@code activityType}, or, without one, while it awaits approval. */
  private record Crash(String step, String activityType, String tag, String type, double amount) {

    boolean acts() {
      return type.equals(E2eTasks.REFUND);
    }

    /**
     * Screening and validation run as local activities, inside a workflow task: a kill there times
     * the workflow task out, and the next worker runs the step again from its first attempt.
     */
    boolean local() {
      return LOCAL_STEPS.contains(activityType);
    }
  }

  private static final Set<String> LOCAL_STEPS = Set.of("ScreenInput", "ValidateOutput");

  private static final Crash SCREEN =
      new Crash("screen", "ScreenInput", "E2E-crash-screen", E2eTasks.SUPPORT, 0);
  private static final Crash CLASSIFY =
      new Crash("classify", "ClassifyTask", "E2E-crash-classify", E2eTasks.SUPPORT, 0);
  private static final Crash RETRIEVE =
      new Crash("retrieve", "RetrievePassages", "E2E-crash-retrieve", E2eTasks.SUPPORT, 0);
  private static final Crash REASON =
      new Crash("reason", "DraftOutput", "E2E-crash-reason", E2eTasks.SUPPORT, 0);
  private static final Crash VALIDATE =
      new Crash("validate", "ValidateOutput", "E2E-crash-validate", E2eTasks.SUPPORT, 0);
  private static final Crash APPROVAL =
      new Crash("approval wait", null, "E2E-crash-approval", E2eTasks.REFUND, 150);
  private static final Crash ACT =
      new Crash("act", "ExecuteAction", "E2E-crash-act", E2eTasks.REFUND, 40);

  /**
   * Started deepest first, shallow ones once those are in place: a hold must not outlive its step's
   * start-to-close timeout (15 s for retrieval), or Temporal retries the step on the holding worker
   * before the kill.
   */
  private static final List<List<Crash>> WAVES =
      List.of(List.of(ACT, VALIDATE, REASON, APPROVAL), List.of(RETRIEVE, CLASSIFY, SCREEN));

  @Test
  void everyTaskCompletesAfterItsWorkerIsKilledInTheMiddleOfAStep(StewardCluster cluster)
      throws Exception {
    cluster.stopWorkers();
    Path markers = cluster.dir().resolve("crash/markers");
    Path signal = cluster.dir().resolve("crash/standby.signal");
    Files.createDirectories(markers);
    Map<String, String> holds = new LinkedHashMap<>();
    WAVES.stream()
        .flatMap(List::stream)
        .filter(c -> c.activityType() != null)
        .forEach(c -> holds.put(c.tag(), c.activityType()));
    CompletableFuture<ChildJvm> starting =
        CompletableFuture.supplyAsync(() -> cluster.startStandbyWorker(signal));
    ChildJvm holding = cluster.startHoldingWorker(holds, markers);
    ChildJvm standby = starting.join();

    E2eTasks tasks = cluster.tasks();
    warmUp(cluster, tasks);
    Map<Crash, String> taskIds = new LinkedHashMap<>();
    int variant = 0;
    for (List<Crash> wave : WAVES) {
      Map<Crash, String> started = new LinkedHashMap<>();
      for (Crash c : wave) {
        started.put(
            c, c.acts() ? tasks.refund(c.tag(), c.amount()) : tasks.support(c.tag(), variant++));
      }
      awaitInPlace(cluster, started, markers);
      taskIds.putAll(started);
    }

    cluster.signal(standby, signal);
    Instant killedAt = Instant.now();
    holding.kill();

    String approvalId = taskIds.get(APPROVAL);
    String hash =
        cluster.api().task(approvalId).path("pendingApproval").path("actionHash").asString();
    Instant approvedAt = Instant.now();
    StewardApi.Reply decision = cluster.api().approve(approvalId, hash);
    assertThat(decision.status()).as(decision.body()).isEqualTo(200);
    Duration decisionLatency = Duration.between(approvedAt, Instant.now());

    Map<Crash, Instant> doneAt = awaitCompleted(cluster, taskIds);

    Map<String, Integer> ledger = cluster.ledgerEntries();
    List<String> report = new ArrayList<>();
    report.add(
        String.format(
            "%-14s %-17s %-8s %-30s %-26s %-24s %s",
            "step",
            "held activity",
            "attempt",
            "step done after kill (s)",
            "task done after kill (s)",
            "result to workflow (ms)",
            "workflow-task timeouts"));
    for (Crash c : taskIds.keySet()) {
      String taskId = taskIds.get(c);
      String tag = c.tag();
      assertThat(cluster.provider().answered(tag, CountingModelProvider.CLASSIFY))
          .as("classification calls answered for %s\n%s", tag, cluster.provider().describe(tag))
          .isEqualTo(1);
      assertThat(cluster.provider().answered(tag, CountingModelProvider.DRAFT))
          .as("draft calls answered for %s\n%s", tag, cluster.provider().describe(tag))
          .isEqualTo(1);
      assertThat(ledger.getOrDefault(taskId, 0))
          .as("side effects of %s", taskId)
          .isEqualTo(c.acts() ? 1 : 0);

      List<HistoryEvent> history = cluster.probe().history(taskId);
      String attempt = "-";
      String handOver = "-";
      String stepDone;
      if (c.activityType() != null && c.local()) {
        LocalRun run =
            cluster
                .probe()
                .localActivity(history, c.activityType())
                .orElseThrow(() ->
                    new AssertionError(
                        c.activityType()
                            + " of "
                            + tag
                            + " has no result in its history\n"
                            + TemporalProbe.summary(history)));
        assertThat(run.identity()).as("who ran it again").startsWith(standby.pid() + "@");
        assertThat(run.workflowTaskTimeoutsBefore())
            .as("workflow tasks of %s that timed out on the killed worker first", tag)
            .isPositive();
        attempt = "local " + run.attempt();
        stepDone = seconds(Duration.between(killedAt, run.completedAt()));
      } else if (c.activityType() != null) {
        ActivityRun run = TemporalProbe.activity(history, c.activityType()).orElseThrow();
        assertThat(run.attempt())
            .as("attempt that completed %s of %s", c.activityType(), tag)
            .isEqualTo(2);
        assertThat(run.identity()).as("who ran the retry").startsWith(standby.pid() + "@");
        assertThat(run.lastFailure()).as("why attempt 1 ended").containsIgnoringCase("heartbeat");
        attempt = Integer.toString(run.attempt());
        stepDone = seconds(Duration.between(killedAt, run.completedAt()));
        handOver =
            Long.toString(Duration.between(run.completedAt(), run.nextWorkflowTaskAt()).toMillis());
      } else {
        stepDone = "approved; decision took " + seconds(decisionLatency);
      }
      report.add(
          String.format(
              "%-14s %-17s %-8s %-30s %-26s %-24s %d",
              c.step(),
              c.activityType() == null ? "(none: waiting)" : c.activityType(),
              attempt,
              stepDone,
              seconds(Duration.between(killedAt, doneAt.get(c))),
              handOver,
              TemporalProbe.workflowTaskTimeouts(history).size()));
    }
    System.out.println("[e2e] worker kill -9 in each step, taken over by a standby worker:");
    report.forEach(line -> System.out.println("[e2e]   " + line));
  }

  /**
   * Runs a support answer and a small refund to completion first: the first model inference and
   * search of a fresh JVM are slow, and a slow step would eat into the holds' timeouts.
   */
  private static void warmUp(StewardCluster cluster, E2eTasks tasks) {
    List<String> ids =
        List.of(tasks.support("E2E-warm-support", 0), tasks.refund("E2E-warm-refund", 20));
    long deadline = System.nanoTime() + DONE_TIMEOUT.toNanos();
    for (String id : ids) {
      while (!"COMPLETED".equals(cluster.api().task(id).path("status").asString())) {
        assertThat(System.nanoTime()).as("warm-up task %s completed", id).isLessThan(deadline);
        StewardCluster.sleep(200);
      }
    }
  }

  /** Waits until each held task sits in its hold and the approval task awaits its approver. */
  private static void awaitInPlace(
      StewardCluster cluster, Map<Crash, String> taskIds, Path markers) {
    long deadline = System.nanoTime() + IN_PLACE_TIMEOUT.toNanos();
    List<String> missing = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      missing.clear();
      for (Map.Entry<Crash, String> e : taskIds.entrySet()) {
        Crash c = e.getKey();
        boolean inPlace =
            c.activityType() != null
                ? Files.exists(ControlledWorker.marker(markers, c.tag(), c.activityType()))
                : "AWAITING_APPROVAL"
                    .equals(cluster.api().task(e.getValue()).path("status").asString());
        if (!inPlace) {
          missing.add(c.step());
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      StewardCluster.sleep(200);
    }
    StringBuilder why =
        new StringBuilder("not in place within " + IN_PLACE_TIMEOUT + ": " + missing);
    for (Map.Entry<Crash, String> e : taskIds.entrySet()) {
      if (missing.contains(e.getKey().step())) {
        why.append("\n--- ")
            .append(e.getValue())
            .append(": model calls\n")
            .append(cluster.provider().describe(e.getKey().tag()))
            .append("\nhistory\n")
            .append(TemporalProbe.summary(cluster.probe().history(e.getValue())));
      }
    }
    throw new AssertionError(why.toString());
  }

  private static Map<Crash, Instant> awaitCompleted(
      StewardCluster cluster, Map<Crash, String> taskIds) {
    Map<Crash, Instant> doneAt = new LinkedHashMap<>();
    long deadline = System.nanoTime() + DONE_TIMEOUT.toNanos();
    Map<Crash, JsonNode> last = new LinkedHashMap<>();
    while (doneAt.size() < taskIds.size() && System.nanoTime() < deadline) {
      for (Map.Entry<Crash, String> e : taskIds.entrySet()) {
        if (doneAt.containsKey(e.getKey())) {
          continue;
        }
        JsonNode task = cluster.api().task(e.getValue());
        last.put(e.getKey(), task);
        String status = task.path("status").asString();
        if ("COMPLETED".equals(status)) {
          doneAt.put(e.getKey(), Instant.now());
        } else if (!"RUNNING".equals(status) && !"AWAITING_APPROVAL".equals(status)) {
          throw new AssertionError(e.getValue() + " ended " + status + ": " + task);
        }
      }
      StewardCluster.sleep(200);
    }
    assertThat(doneAt.keySet()).as("tasks completed; last seen: %s", last).hasSize(taskIds.size());
    return doneAt;
  }

  private static String seconds(Duration d) {
    return String.format("%.1f", d.toMillis() / 1000.0);
  }
}
