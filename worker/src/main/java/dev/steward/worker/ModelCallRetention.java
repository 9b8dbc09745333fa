package dev.steward.worker;

import dev.steward.store.model.ModelCallJournal;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes model-call journal entries older than {@code steward.worker.model-call-retention}, once a
 * day. An entry is only needed while its task's run is open, so the retention outlasts the longest
 * run the API starts (30 days by default). Every worker may run it; deleting twice is harmless.
 */
final class ModelCallRetention implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ModelCallRetention.class);
  private static final Duration EVERY = Duration.ofDays(1);
  private static final Duration FIRST_AFTER = Duration.ofMinutes(5);

  private final ModelCallJournal journal;
  private final Duration retention;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  ModelCallRetention(ModelCallJournal journal, Duration retention, Clock clock) {
    this.journal = journal;
    this.retention = retention;
    this.clock = clock;
  }

  /** Deletes the entries past retention now; returns how many. */
  long sweep() {
    long deleted = journal.deleteRecordedBefore(clock.millis() - retention.toMillis());
    if (deleted > 0) {
      log.info("deleted {} model-call journal entries older than {}", deleted, retention);
    }
    return deleted;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      // Elasticsearch down or busy: tomorrow's run deletes them; they only stay a day longer.
      log.warn("model-call journal retention run failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread thread = new Thread(r, "steward-model-call-retention");
          thread.setDaemon(true);
          return thread;
        });
    scheduler.scheduleWithFixedDelay(
        this::sweepQuietly, FIRST_AFTER.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
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
