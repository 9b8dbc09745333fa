package dev.steward.e2e;

import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.e2e.CountingModelProvider.Call;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Many tasks while workers are killed (kill -9) at random moments and restarted: none is lost, no
 * side effect happens twice, and no model answer that was received is paid for again.
 *
 * <p>The mix: support answers, refunds acted on at once, and refunds above the approval threshold
 * that the test approves through the inbox as they come. Three workers share the work; a chaos loop
 * kills one of them at random moments (while another still polls) and starts a replacement. {@code
 * -Dsteward.e2e.tasks=N} changes the number of tasks (default 200).
 *
 * <p>Model calls are counted at the provider. A repeat of a call whose answer was already in the
 * model-call journal is a duplicate, and there must be none. A repeat of a call whose answer never
 * reached the journal (the worker died between the provider's answer and the write, or while
 * waiting for it) cannot be avoided by any client and is reported, not failed.
 */
@ExtendWith(SharedCluster.class)
class RandomKillE2E {

  private static final int TASKS = Integer.getInteger("steward.e2e.tasks", 200);

  /** About 3 minutes on two idle cores; the margin is for a busy CI machine. */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);

  private static final int WORKERS = 3;

  /** Kills the chaos loop must land: 4 in the default run's task stream of about 50 s. */
  private static final int MIN_KILLS = Math.max(1, TASKS / 50);

  private static final String TAG_PREFIX = "E2E-rnd-";
  private static final String TAG_PREFIX_ID = "acme." + TAG_PREFIX;

  private enum Kind {
    SUPPORT,
    REFUND_ACTED,
    REFUND_APPROVED
  }

  @Test
  void noTaskIsLostAndNothingHappensTwiceWhileWorkersAreKilledAtRandom(StewardCluster cluster)
      throws Exception {
    cluster.ensureWorkers(WORKERS);
    long seed = Long.getLong("steward.e2e.seed", System.nanoTime());
    Random random = new Random(seed);
    E2eTasks tasks = cluster.tasks();
    Map<String, Kind> kinds = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger kills = new AtomicInteger();
    DoubleAdder killedCpu = new DoubleAdder();
    Map<String, Double> cpuBefore = StewardCluster.cpuSeconds();
    Set<String> approved = ConcurrentHashMap.newKeySet();
    long started = System.nanoTime();

    ExecutorService loops = Executors.newFixedThreadPool(2);
    Future<?> chaos = loops.submit(() -> chaos(cluster, random, running, kills, killedCpu));
    Map<String, Integer> decisionFailures = new ConcurrentHashMap<>();
    Future<?> approver =
        loops.submit(() -> approve(cluster, kinds, approved, running, decisionFailures));
    try {
      for (int i = 0; i < TASKS; i++) {
        String tag = TAG_PREFIX + E2eTasks.letters(i);
        Kind kind =
            i % 10 < 5 ? Kind.SUPPORT : i % 10 < 8 ? Kind.REFUND_ACTED : Kind.REFUND_APPROVED;
        String taskId =
            switch (kind) {
              case SUPPORT -> tasks.support(tag, i);
              case REFUND_ACTED -> tasks.refund(tag, 20 + random.nextInt(80));
              case REFUND_APPROVED -> tasks.refund(tag, 120 + random.nextInt(300));
            };
        kinds.put(taskId, kind);
        // A steady stream of about 50 s, so the kills land on tasks in every step, not on one
        // burst that a fast machine finishes between two kills.
        StewardCluster.sleep(random.nextInt(500));
      }
      Map<String, TemporalProbe.Outcome> lost =
          awaitOutcomes(cluster, kinds.keySet(), started, kills);
      running.set(false);
      // A replacement still starting is left to finish on its own; nothing is killed any more.
      chaos.cancel(true);
      approver.get();
      double wallSeconds = (System.nanoTime() - started) / 1e9;
      Map<String, Double> cpuUsed = new TreeMap<>(StewardCluster.cpuSeconds());
      cpuUsed.merge("workers", killedCpu.sum(), Double::sum);
      cpuBefore.forEach((kind, seconds) -> cpuUsed.merge(kind, -seconds, Double::sum));
      double cpu = cpuUsed.values().stream().mapToDouble(Double::doubleValue).sum();

      Map<String, Integer> ledger = cluster.ledgerEntries();
      List<String> sideEffectProblems = new ArrayList<>();
      int ledgerDuplicates = 0;
      for (Map.Entry<String, Kind> e : kinds.entrySet()) {
        int entries = ledger.getOrDefault(e.getKey(), 0);
        int expected = e.getValue() == Kind.SUPPORT ? 0 : 1;
        ledgerDuplicates += Math.max(0, entries - 1);
        if (entries != expected && !lost.containsKey(e.getKey())) {
          sideEffectProblems.add(e.getKey() + " has " + entries + " ledger entries");
        }
      }
      CallAudit calls = CallAudit.of(cluster, kinds.keySet());
      int duplicates = ledgerDuplicates + calls.repeatedAfterRecorded().size();

      System.out.printf(
          "[e2e] random kills (seed %d): tasks=%d kills=%d decision retries=%s lost=%d duplicates=%d (ledger %d, recorded model"
              + " answers paid again %d) unrecorded-answer repeats=%d max answered calls per"
              + " (task, step, attempt)=%d wall=%.0f s cpu=%.0f s (%.2f s per task; %s)%n",
          seed,
          kinds.size(),
          kills.get(),
          decisionFailures,
          lost.size(),
          duplicates,
          ledgerDuplicates,
          calls.repeatedAfterRecorded().size(),
          calls.repeatedBeforeRecorded(),
          calls.maxAnsweredPerKey(),
          wallSeconds,
          cpu,
          cpu / kinds.size(),
          cpuUsed.entrySet().stream()
              .map(e -> e.getKey() + " " + Math.round(e.getValue()))
              .collect(Collectors.joining(", ")));

      assertThat(kills.get()).as("workers killed during the run").isGreaterThanOrEqualTo(MIN_KILLS);
      assertThat(lost)
          .as(
              "tasks that did not reach their final state; the last events of some:\n%s",
              tails(cluster, lost))
          .isEmpty();
      assertThat(sideEffectProblems).as("side effects").isEmpty();
      assertThat(calls.repeatedAfterRecorded())
          .as("model calls repeated although their answer was recorded")
          .isEmpty();
      assertThat(calls.missingRecords()).as("answered model calls never recorded").isEmpty();
      assertThat(duplicates).isZero();
    } finally {
      running.set(false);
      loops.shutdownNow();
      cluster.ensureWorkers(1);
    }
  }

  /**
   * Kills a random worker (kill -9) every 2 to 6 s while at least two of them poll, so that another
   * one always does, and starts its replacement in the background: kills do not wait for a
   * replacement's JVM start (several seconds of CPU), so they come often enough to land on tasks in
   * every step, even on a fast machine.
   */
  private static void chaos(
      StewardCluster cluster,
      Random random,
      AtomicBoolean running,
      AtomicInteger kills,
      DoubleAdder killedCpu) {
    Set<Long> polling = ConcurrentHashMap.newKeySet();
    cluster.workers().forEach(w -> polling.add(w.pid()));
    ExecutorService replacements = Executors.newCachedThreadPool();
    try {
      while (running.get()) {
        StewardCluster.sleep(2_000 + random.nextInt(4_000));
        List<ChildJvm> up =
            cluster.workers().stream().filter(w -> polling.contains(w.pid())).toList();
        if (!running.get() || up.size() < 2) {
          continue;
        }
        ChildJvm victim = up.get(random.nextInt(up.size()));
        polling.remove(victim.pid());
        killedCpu.add(victim.cpuSeconds());
        victim.kill();
        kills.incrementAndGet();
        replacements.execute(() -> {
          if (running.get()) {
            polling.add(cluster.startWorker().pid());
          }
        });
      }
    } finally {
      replacements.shutdown();
    }
  }

  /**
   * Approves, through the inbox, each of the test's refunds that waits for an approver. Decisions
   * run side by side, so that one waiting on a worker that was just killed holds up no other.
   */
  private static void approve(
      StewardCluster cluster,
      Map<String, Kind> kinds,
      Set<String> approved,
      AtomicBoolean running,
      Map<String, Integer> failures) {
    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    ExecutorService deciders = Executors.newFixedThreadPool(4);
    try {
      while (running.get()) {
        try {
          for (JsonNode task : cluster.api().approvals()) {
            String taskId = task.path("taskId").asString();
            if (!kinds.containsKey(taskId) || approved.contains(taskId) || !inFlight.add(taskId)) {
              continue;
            }
            String hash = task.path("pendingApproval").path("actionHash").asString();
            deciders.execute(() -> {
              try {
                StewardApi.Reply reply = cluster.api().approve(taskId, hash);
                String type = reply.ok() ? "" : reply.json().path("type").asString();
                // Decided already: an earlier request got through before its answer was lost.
                if (reply.ok() || type.endsWith("/task-not-awaiting-decision")) {
                  approved.add(taskId);
                } else {
                  failures.merge(reply.status() + " " + type, 1, Integer::sum);
                }
              } catch (RuntimeException e) {
                // The api timed out waiting for a worker that was just killed: the next round
                // tries again.
                failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
              } finally {
                inFlight.remove(taskId);
              }
            });
          }
        } catch (RuntimeException | AssertionError e) {
          // The inbox is unreadable for a moment (the api busy or restarting): next round.
          failures.merge("inbox " + e.getClass().getSimpleName(), 1, Integer::sum);
        }
        StewardCluster.sleep(1_000);
      }
    } finally {
      deciders.shutdownNow();
    }
  }

  /** The last events of a few lost tasks' histories: stuck, or only slow? */
  private static String tails(StewardCluster cluster, Map<String, TemporalProbe.Outcome> lost) {
    StringBuilder out = new StringBuilder();
    lost.keySet().stream()
        .limit(3)
        .forEach(taskId -> {
          String[] events = TemporalProbe.summary(cluster.probe().history(taskId)).split("\n");
          out.append("--- ").append(taskId).append('\n');
          for (int i = Math.max(0, events.length - 12); i < events.length; i++) {
            out.append(events[i]).append('\n');
          }
        });
    return out.toString();
  }

  /**
   * Waits until every task has ended, then returns those that did not end COMPLETED. A visibility
   * count per poll says how many run; the open tasks are described one by one only when it falls to
   * zero, or every 20 s, so that polling costs the server little.
   */
  private static Map<String, TemporalProbe.Outcome> awaitOutcomes(
      StewardCluster cluster, Set<String> taskIds, long started, AtomicInteger kills) {
    long deadline = started + RUN_TIMEOUT.toNanos();
    String running =
        "WorkflowType = 'StewardTask' AND ExecutionStatus = 'Running'"
            + " AND WorkflowId STARTS_WITH '"
            + TAG_PREFIX_ID
            + "'";
    Set<String> open = new HashSet<>(taskIds);
    for (int poll = 0; !open.isEmpty() && System.nanoTime() < deadline; poll++) {
      long count = cluster.probe().count(running);
      if (count == 0 || poll % 10 == 9) {
        open.removeIf(taskId ->
            cluster.probe().outcome(taskId).execution() != WORKFLOW_EXECUTION_STATUS_RUNNING);
        System.out.printf(
            "[e2e] random kills: %d of %d tasks ended after %.0f s, %d kills%n",
            taskIds.size() - open.size(),
            taskIds.size(),
            (System.nanoTime() - started) / 1e9,
            kills.get());
      }
      if (!open.isEmpty()) {
        StewardCluster.sleep(2_000);
      }
    }
    Map<String, TemporalProbe.Outcome> lost = new TreeMap<>();
    for (String taskId : taskIds) {
      TemporalProbe.Outcome outcome = cluster.probe().outcome(taskId);
      if (!outcome.completed()) {
        lost.put(taskId, outcome);
      }
    }
    return lost;
  }

  /**
   * The provider's calls per task and step set against the model-call journal: which repeats came
   * after the answer was recorded (duplicates) and which before (the worker died first).
   */
  private record CallAudit(
      List<String> repeatedAfterRecorded,
      int repeatedBeforeRecorded,
      int maxAnsweredPerKey,
      List<String> missingRecords) {

    static CallAudit of(StewardCluster cluster, Set<String> taskIds) {
      Map<String, Long> recordedAt = new LinkedHashMap<>();
      for (JsonNode entry : cluster.documents("steward-model-calls")) {
        recordedAt.put(
            entry.path("taskId").asString()
                + ":"
                + entry.path("step").asString()
                + ":"
                + entry.path("attempt").asInt(),
            entry.path("recordedAtMillis").asLong());
      }
      Map<String, List<Call>> byKey = new LinkedHashMap<>();
      for (Call call : cluster.provider().calls()) {
        String taskId = "acme." + call.tag();
        if (!taskIds.contains(taskId) || !call.answered()) {
          continue;
        }
        // Without repairs (the provider's answers are valid) every call is attempt 1.
        int attempt = call.repair() ? 2 : 1;
        byKey
            .computeIfAbsent(taskId + ":" + call.step() + ":" + attempt, k -> new ArrayList<>())
            .add(call);
      }
      List<String> after = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      int before = 0;
      int max = 0;
      for (Map.Entry<String, List<Call>> e : byKey.entrySet()) {
        max = Math.max(max, e.getValue().size());
        Long recorded = recordedAt.get(e.getKey());
        if (recorded == null) {
          missing.add(e.getKey());
          continue;
        }
        int early = 0;
        for (Call call : e.getValue()) {
          if (call.receivedAtMillis() > recorded) {
            after.add(e.getKey() + " asked again at " + call.receivedAtMillis() + " > " + recorded);
          } else {
            early++;
          }
        }
        before += Math.max(0, early - 1);
      }
      return new CallAudit(after, before, max, missing);
    }
  }
}
