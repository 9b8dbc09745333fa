package dev.steward.activities.trace;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.steward.store.StoreUnavailableException;
import dev.steward.store.trace.TraceDocument;
import dev.steward.store.trace.TraceStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Writes trace records to the trace index in bulk batches, every {@link #FLUSH_MILLIS}. While
 * Elasticsearch is unreachable, records wait in a bounded buffer and are written when it is back;
 * past {@link #CAPACITY} waiting records the oldest are dropped (and counted), so an outage delays
 * traces, then loses the oldest, and never holds up a task.
 */
@Component
public final class TraceIndexSink implements TraceSink, InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(TraceIndexSink.class);

  static final int CAPACITY = 20_000;
  static final int BATCH = 500;
  static final long FLUSH_MILLIS = 500;

  /** Longest pause between write attempts while Elasticsearch is down. */
  static final long MAX_BACKOFF_MILLIS = 30_000;

  private final TraceStore store;
  private final Deque<TraceDocument> buffer = new ArrayDeque<>();
  private final Object writeLock = new Object();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private boolean templateReady;
  private long backoffMillis;
  private long nextAttemptAt;
  private ScheduledExecutorService flusher;

  TraceIndexSink(TraceStore store) {
    this.store = store;
  }

  @Override
  public void record(TraceRecord r) {
    TraceDocument document = toDocument(r);
    synchronized (buffer) {
      if (buffer.size() >= CAPACITY) {
        buffer.pollFirst();
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
          log.warn("Trace buffer full: {} traces dropped so far", n);
        }
      }
      buffer.addLast(document);
    }
  }

  /** Records written to the index so far. */
  public long written() {
    return written.get();
  }

  /** Records dropped because the buffer was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Records waiting to be written. */
  public int pending() {
    synchronized (buffer) {
      return buffer.size();
    }
  }

  /**
   * Writes what is buffered, batch by batch, until the buffer is empty or a write fails.
   *
   * @return whether everything buffered was written
   */
  public boolean flush() {
    synchronized (writeLock) {
      return writeAll();
    }
  }

  private boolean writeAll() {
    while (true) {
      List<TraceDocument> batch = takeBatch();
      if (batch.isEmpty()) {
        return true;
      }
      try {
        if (!templateReady) {
          // The worker may take a task before the start-up runner made the template.
          store.createTemplate();
          templateReady = true;
        }
        List<TraceDocument> retry = store.write(batch);
        written.addAndGet(batch.size() - retry.size());
        if (!retry.isEmpty()) {
          putBack(retry);
          return false;
        }
      } catch (StoreUnavailableException e) {
        putBack(batch);
        return false;
      } catch (ElasticsearchException e) {
        // The server refused the whole request: retrying the same batch would fail the same way.
        log.warn("Elasticsearch refused {} traces: {}", batch.size(), e.error().type());
        dropped.addAndGet(batch.size());
      }
    }
  }

  private void flushOnSchedule() {
    long now = System.currentTimeMillis();
    if (now < nextAttemptAt) {
      return;
    }
    try {
      if (flush()) {
        backoffMillis = 0;
        return;
      }
    } catch (RuntimeException e) {
      log.warn("Writing traces failed: {}", e.getClass().getName());
    }
    backoffMillis = Math.min(MAX_BACKOFF_MILLIS, Math.max(FLUSH_MILLIS, backoffMillis * 2));
    nextAttemptAt = now + backoffMillis;
    log.warn("Traces not written ({} waiting); next attempt in {} ms", pending(), backoffMillis);
  }

  private List<TraceDocument> takeBatch() {
    synchronized (buffer) {
      List<TraceDocument> batch = new ArrayList<>(Math.min(BATCH, buffer.size()));
      while (batch.size() < BATCH && !buffer.isEmpty()) {
        batch.add(buffer.pollFirst());
      }
      return batch;
    }
  }

  /** Back at the front, so that records keep their order; the oldest fall off a full buffer. */
  private void putBack(List<TraceDocument> batch) {
    synchronized (buffer) {
      for (int i = batch.size() - 1; i >= 0; i--) {
        buffer.addFirst(batch.get(i));
      }
      while (buffer.size() > CAPACITY) {
        buffer.pollFirst();
        dropped.incrementAndGet();
      }
    }
  }

  @Override
  public synchronized void afterPropertiesSet() {
    flusher =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "steward-trace-writer");
          t.setDaemon(true);
          return t;
        });
    flusher.scheduleWithFixedDelay(
        this::flushOnSchedule, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** One last write of what is buffered; whatever Elasticsearch does not take then is lost. */
  @Override
  public synchronized void destroy() throws InterruptedException {
    if (flusher == null) {
      return;
    }
    flusher.shutdown();
    flusher.awaitTermination(5, TimeUnit.SECONDS);
    flusher = null;
    try {
      if (!flush()) {
        log.warn("{} traces not written at shutdown", pending());
      }
    } catch (RuntimeException e) {
      log.warn("{} traces not written at shutdown: {}", pending(), e.getClass().getName());
    }
  }

  static TraceDocument toDocument(TraceRecord r) {
    return new TraceDocument(
        r.id(),
        r.kind().name(),
        r.taskId(),
        r.runId(),
        r.tenant(),
        r.taskType(),
        r.step(),
        r.attempt(),
        r.taskAttempt(),
        r.promptId(),
        r.promptVersion(),
        r.promptLabel(),
        r.provider(),
        r.model(),
        r.tokensIn(),
        r.tokensOut(),
        r.costUsd(),
        r.latencyMillis(),
        r.verdicts(),
        TraceDocument.termsOf(r.verdicts()),
        r.outcome().name(),
        r.error(),
        r.rating(),
        r.comment(),
        r.timestamp());
  }
}
