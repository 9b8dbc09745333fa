package dev.steward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.e2e.TemporalProbe.ActivityRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker stopped with SIGTERM while a model call is in flight lets that activity finish and
 * report its result before it exits, within its grace period: the step is not retried, and the
 * model is not paid twice.
 *
 * <p>The model takes longer than the steps' heartbeat timeout (10 s), so the step also shows that
 * the worker's heartbeats keep a slow call alive, during the drain as before it.
 */
@ExtendWith(SharedCluster.class)
class GracefulShutdownE2E {

  private static final Duration MODEL_LATENCY = Duration.ofSeconds(15);

  /**
   * The worker's {@code steward.worker.shutdown-grace}, as configured in {@link StewardCluster}.
   */
  private static final Duration GRACE = Duration.ofSeconds(25);

  @Test
  void aStoppedWorkerFinishesItsRunningActivityBeforeItExits(StewardCluster cluster)
      throws Exception {
    // The worker that finishes the task afterwards starts now, beside the one to be stopped, but
    // polls only when told: the draft must run on the one that is stopped.
    Path signal = cluster.dir().resolve("graceful/standby.signal");
    Files.createDirectories(signal.getParent());
    CompletableFuture<ChildJvm> starting =
        CompletableFuture.supplyAsync(() -> cluster.startStandbyWorker(signal));
    ChildJvm worker = cluster.onlyWorker();
    ChildJvm next = starting.join();
    String tag = "E2E-graceful";
    cluster.provider().slowDrafts(tag, MODEL_LATENCY);
    String taskId = cluster.tasks().support(tag, 0);

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (cluster.provider().lastReceived(tag, CountingModelProvider.DRAFT).isEmpty()) {
      assertThat(System.nanoTime()).as("the draft reached the model").isLessThan(deadline);
      StewardCluster.sleep(50);
    }
    long asked = cluster.provider().lastReceived(tag, CountingModelProvider.DRAFT).orElseThrow();
    long stoppedAt = System.currentTimeMillis();
    worker.terminate();
    Duration exit = worker.awaitExit(GRACE.plusSeconds(30));

    ActivityRun draft =
        TemporalProbe.activity(cluster.probe().history(taskId), "DraftOutput").orElseThrow();
    assertThat(draft.completedAt()).as("the draft completed before the worker exited").isNotNull();
    assertThat(draft.attempt()).as("the draft's attempt").isEqualTo(1);
    assertThat(draft.identity()).startsWith(worker.pid() + "@");
    assertThat(exit).as("time to exit after SIGTERM").isLessThan(GRACE);

    cluster.signal(next, signal);
    long done = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!"COMPLETED".equals(cluster.api().task(taskId).path("status").asString())) {
      assertThat(System.nanoTime()).as("the task completed on the next worker").isLessThan(done);
      StewardCluster.sleep(200);
    }
    assertThat(cluster.provider().answered(tag, CountingModelProvider.DRAFT)).isEqualTo(1);
    assertThat(next.isAlive()).isTrue();
    System.out.printf(
        "[e2e] SIGTERM with a model call in flight (%.1f s left of %.1f s): the worker drained"
            + " and exited in %.1f s; the draft completed on attempt 1%n",
        Math.max(0, asked + MODEL_LATENCY.toMillis() - stoppedAt) / 1000.0,
        MODEL_LATENCY.toMillis() / 1000.0,
        exit.toMillis() / 1000.0);
  }
}
