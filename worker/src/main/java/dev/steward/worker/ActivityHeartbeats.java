package dev.steward.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats, from the worker, for every running activity whose options set a heartbeat timeout, so
 * that Temporal learns within that timeout that the worker process died and retries the activity on
 * another worker. Activities need no heartbeat code of their own: the heartbeat says the process is
 * alive, and start-to-close still ends an attempt that hangs.
 *
 * <p>Each running activity gets a virtual thread of its own for this. The SDK sends some heartbeats
 * synchronously on the calling thread, so a thread shared by all activities queues every activity's
 * heartbeat behind each slow call to a busy server: in the random-kill e2e run, drafts on a live
 * but loaded worker missed their heartbeat timeout that way.
 *
 * <p>It is registered last, so it wraps every other interceptor: whatever an inner one does
 * (including holding an activity in a test), the heartbeats go on until the activity returns.
 */
final class ActivityHeartbeats extends WorkerInterceptorBase {

  private static final Logger log = LoggerFactory.getLogger(ActivityHeartbeats.class);

  /** Heartbeats per heartbeat timeout: one lost or late heartbeat must not end an attempt. */
  private static final int BEATS_PER_TIMEOUT = 5;

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new Beating(next);
  }

  private static final class Beating extends ActivityInboundCallsInterceptorBase {

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
      Duration every = timeout.dividedBy(BEATS_PER_TIMEOUT);
      AtomicBoolean done = new AtomicBoolean();
      Thread beats =
          Thread.ofVirtual()
              .name("heartbeats-" + info.getActivityType() + "-" + info.getActivityId())
              .start(() -> beat(info, every, done));
      try {
        return super.execute(input);
      } finally {
        // No interrupt: it could land in the middle of a heartbeat's call to the server.
        done.set(true);
        LockSupport.unpark(beats);
      }
    }

    /**
     * Repeats the activity's own last details, if it reported any, so that its progress is kept. A
     * failure (the activity cancelled or timed out, the server unreachable) ends this activity's
     * heartbeats; Temporal's timeouts decide what happens next.
     */
    private void beat(ActivityInfo info, Duration every, AtomicBoolean done) {
      try {
        while (true) {
          long next = System.nanoTime() + every.toNanos();
          for (long left; !done.get() && (left = next - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
          }
          if (done.get()) {
            return;
          }
          context.heartbeat(context.getLastHeartbeatDetails(Object.class).orElse(null));
        }
      } catch (RuntimeException e) {
        log.debug(
            "heartbeats of {} {} stopped: {}", info.getActivityType(), info.getActivityId(), e);
      }
    }
  }
}
