package dev.steward.activities.trace;

import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Carries step observations from the interceptor to every {@link TraceSink} on a thread of its own:
 * the step only pays for putting an observation in a bounded queue. When the queue is full (sinks
 * far behind), observations are dropped and counted; a step never waits for its trace.
 */
@Component
public final class TracePipeline implements InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(TracePipeline.class);

  /** Observations waiting at most; at a few hundred steps a second this is many seconds' worth. */
  static final int CAPACITY = 10_000;

  /** How long stopping waits for the observations still queued to reach the sinks. */
  private static final long DRAIN_MILLIS = 5_000;

  private final StepTraceExtractor extractor;
  private final RunContexts runs = new RunContexts();
  private final List<TraceSink> sinks;
  private final BlockingQueue<StepObservation> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean running;
  private Thread thread;

  @Autowired
  TracePipeline(TraceRedaction redaction, TaskTypeRegistry taskTypes, List<TraceSink> sinks) {
    this(
        new StepTraceExtractor(
            redaction,
            type ->
                taskTypes
                    .find(type)
                    .map(TaskTypeDefinition::prompt)
                    .map(p -> new PromptRef(p.id(), p.version(), null))
                    .orElse(null)),
        sinks);
  }

  TracePipeline(StepTraceExtractor extractor, List<TraceSink> sinks) {
    this.extractor = extractor;
    this.sinks = List.copyOf(sinks);
  }

  /** Queues an observation; never blocks. */
  void submit(StepObservation observation) {
    if (!queue.offer(observation)) {
      long n = dropped.incrementAndGet();
      if (n == 1 || n % 1000 == 0) {
        log.warn("Trace queue full: {} step traces dropped so far", n);
      }
    }
  }

  /** Observations dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public synchronized void afterPropertiesSet() {
    if (thread != null) {
      return;
    }
    running = true;
    thread = new Thread(this::deliverUntilStopped, "steward-traces");
    thread.setDaemon(true);
    thread.start();
  }

  /** Delivers what is queued (for a bounded time), then stops. */
  @Override
  public synchronized void destroy() throws InterruptedException {
    if (thread == null) {
      return;
    }
    running = false;
    thread.join(DRAIN_MILLIS);
    thread.interrupt();
    thread = null;
  }

  private void deliverUntilStopped() {
    try {
      while (running || !queue.isEmpty()) {
        StepObservation next = queue.poll(100, TimeUnit.MILLISECONDS);
        if (next != null) {
          deliver(next);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void deliver(StepObservation observation) {
    TraceRecord record;
    try {
      record = runs.complete(extractor.toRecord(observation));
    } catch (RuntimeException e) {
      // The exception's message may quote a payload; its type is enough to find the bug.
      log.warn(
          "Cannot build the trace of {} of {}: {}",
          observation.step(),
          observation.taskId(),
          e.getClass().getName());
      return;
    }
    for (TraceSink sink : sinks) {
      try {
        sink.record(record);
      } catch (RuntimeException e) {
        log.warn(
            "Trace sink {} failed on {} of {}: {}",
            sink.getClass().getSimpleName(),
            record.step(),
            record.taskId(),
            e.getClass().getName());
      }
    }
  }
}
