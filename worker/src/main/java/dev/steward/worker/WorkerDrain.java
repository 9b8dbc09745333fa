package dev.steward.worker;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Lets a worker that is asked to stop (SIGTERM) finish the activities it is running before anything
 * they need is closed. Temporal's Spring starter only calls {@link WorkerFactory#shutdown()}, which
 * stops polling but does not wait, and then destroys the beans the running activities use (the gRPC
 * stubs, the Elasticsearch client): their results could not be reported, and Temporal would run
 * them again elsewhere. Lifecycle beans stop before any bean is destroyed, so waiting here keeps
 * everything open until the activities are done.
 */
final class WorkerDrain implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerDrain.class);

  /** After the grace period, running activities are interrupted; this bounds the wait for that. */
  private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(5);

  private final WorkerFactory factory;
  private final Duration grace;
  private volatile boolean running;

  WorkerDrain(WorkerFactory factory, Duration grace) {
    this.factory = factory;
    this.grace = grace;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    if (!factory.isStarted() || factory.isTerminated()) {
      return;
    }
    long started = System.nanoTime();
    log.info("draining the worker: no new tasks, up to {} for the running ones", grace);
    factory.shutdown();
    factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      log.warn("activities still running after {}; interrupting them", grace);
      factory.shutdownNow();
      factory.awaitTermination(AFTER_INTERRUPT.toMillis(), TimeUnit.MILLISECONDS);
    }
    log.info("worker drained in {} ms", (System.nanoTime() - started) / 1_000_000);
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
