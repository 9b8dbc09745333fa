package dev.steward.e2e;

import dev.steward.worker.WorkerApplication;
import dev.steward.worker.WorkerSettings;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Test only: Steward's worker with two controls the crash tests need, both off unless their system
 * property is set. Fault injection stays out of production code: this runs from the e2e module's
 * test class path.
 *
 * <ul>
 *   <li>{@value #HOLDS} ({@code tag=ActivityType,...}): holds that activity of the task {@code
 *       acme.<tag>} once its body has run (the model answered, the ledger written) and before its
 *       result is reported, until the process is killed; writes a marker into {@value #MARKERS}
 *       when the hold begins, so the test knows the moment to kill -9. Only attempt 1 is held.
 *   <li>{@value #START_SIGNAL} (a file): the worker starts up but polls only once the file exists
 *       (run it with {@code --spring.temporal.start-workers=false}): a standby that takes over the
 *       moment the test wants, without a JVM start in between.
 * </ul>
 */
public final class ControlledWorker {

  static final String HOLDS = "steward.e2e.holds";
  static final String MARKERS = "steward.e2e.hold-markers";
  static final String START_SIGNAL = "steward.e2e.start-signal";

  public static void main(String[] args) {
    new SpringApplicationBuilder(WorkerApplication.class, Controls.class)
        .properties("spring.config.import=" + WorkerSettings.CONFIG)
        .run(args);
  }

  static String plan(Map<String, String> holds) {
    return holds.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  /** The marker of a hold of {@code activityType} for the task tagged {@code tag}. */
  static Path marker(Path markers, String tag, String activityType) {
    return markers.resolve(tag + "." + activityType + ".held");
  }

  /** The file a standby writes once it is up, before it waits for its start signal. */
  static Path readyMarker(Path signal) {
    return signal.resolveSibling(signal.getFileName() + ".ready");
  }

  @Configuration(proxyBeanMethods = false)
  static class Controls {

    /** First in the chain, so the worker's own heartbeats wrap the hold and keep it alive. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WorkerInterceptor activityHolds() {
      Map<String, String> plan =
          Arrays.stream(System.getProperty(HOLDS, "").split(","))
              .filter(s -> s.contains("="))
              .collect(Collectors.toMap(s -> s.split("=")[0], s -> s.split("=")[1]));
      Path markers = Path.of(System.getProperty(MARKERS, "."));
      return new WorkerInterceptorBase() {
        @Override
        public ActivityInboundCallsInterceptor interceptActivity(
            ActivityInboundCallsInterceptor next) {
          return new Hold(next, plan, markers);
        }
      };
    }

    @Bean
    ApplicationRunner startOnSignal(WorkerFactory factory) {
      return args -> {
        String signal = System.getProperty(START_SIGNAL);
        if (signal == null) {
          return;
        }
        Path file = Path.of(signal);
        Files.writeString(readyMarker(file), Long.toString(ProcessHandle.current().pid()));
        Thread waiter =
            new Thread(
                () -> {
                  while (!Files.exists(file)) {
                    sleep(50);
                  }
                  factory.start();
                },
                "steward-e2e-start-signal");
        waiter.setDaemon(true);
        waiter.start();
      };
    }
  }

  private static final class Hold extends ActivityInboundCallsInterceptorBase {

    private final Map<String, String> plan;
    private final Path markers;
    private ActivityExecutionContext context;

    Hold(ActivityInboundCallsInterceptor next, Map<String, String> plan, Path markers) {
      super(next);
      this.plan = plan;
      this.markers = markers;
    }

    @Override
    public void init(ActivityExecutionContext context) {
      this.context = context;
      super.init(context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      ActivityOutput output = super.execute(input);
      ActivityInfo info = context.getInfo();
      String tag = E2eTasks.tag(info.getWorkflowId());
      if (info.getAttempt() == 1 && info.getActivityType().equals(plan.get(tag))) {
        try {
          Path marker = marker(markers, tag, info.getActivityType());
          Files.createDirectories(marker.getParent());
          Files.writeString(marker, Long.toString(System.currentTimeMillis()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        sleep(Long.MAX_VALUE);
      }
      return output;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private ControlledWorker() {}
}
