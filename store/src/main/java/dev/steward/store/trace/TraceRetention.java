package dev.steward.store.trace;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes daily trace indices once they are older than {@code steward.traces.retention}, on a
 * schedule of its own: the embedded node has no index lifecycle management. Every process may run
 * it; deleting an index twice is harmless.
 */
public final class TraceRetention implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TraceRetention.class);

  private final TraceStore store;
  private final TraceProperties properties;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  public TraceRetention(TraceStore store, TraceProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Deletes the indices past retention now.
   *
   * @return the indices deleted
   */
  public List<String> sweep() {
    Instant cutoff = clock.instant().minus(properties.retention());
    List<String> deleted = store.deleteIndicesOlderThan(cutoff);
    if (!deleted.isEmpty()) {
      log.info("Deleted {} trace indices older than {}: {}", deleted.size(), cutoff, deleted);
    }
    return deleted;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      // Elasticsearch down or busy: the next run tries again; old traces only wait longer.
      log.warn(
          "Trace retention run failed ({}); retrying in {}",
          e,
          properties.retentionCheckInterval());
    }
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "steward-trace-retention");
          t.setDaemon(true);
          return t;
        });
    long every = properties.retentionCheckInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
