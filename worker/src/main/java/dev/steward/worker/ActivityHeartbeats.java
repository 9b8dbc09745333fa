package dev.steward.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats, from a timer thread of the worker, for every running activity whose options set a
 * heartbeat timeout, so that Temporal learns within that timeout that the worker process died and
 * retries the activity on another worker. Activities need no heartbeat code of their own: the
 * heartbeat says the process is alive, and start-to-close still ends an attempt that hangs.
 *
 * <p>It is registered last, so it wraps every other interceptor: whatever an inner one does
 * (including holding an activity in a test), the heartbeats go on until the activity returns.
 */
final class ActivityHeartbeats extends WorkerInterceptorBase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ActivityHeartbeats.class);

  /** Heartbeats per heartbeat timeout: one lost or late heartbeat must not end an attempt. */
  private static final int BEATS_PER_TIMEOUT = 5;

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "steward-activity-heartbeats");
        thread.setDaemon(true);
        return thread;
      });

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new Beating(next);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private final class Beating extends ActivityInboundCallsInterceptorBase {

    private ActivityExecutionContext context;

    Beating(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      this.context = context;
      super.init(context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      ActivityInfo info = context.getInfo();
      Duration timeout = info.getHeartbeatTimeout();
      if (info.isLocal() || timeout == null || timeout.isZero()) {
        return super.execute(input);
      }
      long every = Math.max(100, timeout.toMillis() / BEATS_PER_TIMEOUT);
      ScheduledFuture<?> beats =
          timer.scheduleWithFixedDelay(() -> beat(info), every, every, TimeUnit.MILLISECONDS);
      try {
        return super.execute(input);
      } finally {
        beats.cancel(false);
      }
    }

    /**
     * Repeats the activity's own last details, if it reported any, so that its progress is kept. A
     * failure (the activity cancelled or timed out, the server unreachable) ends this activity's
     * heartbeats by escaping the scheduled task; Temporal's timeouts decide what happens next.
     */
    private void beat(ActivityInfo info) {
      try {
        context.heartbeat(context.getLastHeartbeatDetails(Object.class).orElse(null));
      } catch (RuntimeException e) {
        log.debug(
            "heartbeats of {} {} stopped: {}", info.getActivityType(), info.getActivityId(), e);
        throw e;
      }
    }
  }
}
