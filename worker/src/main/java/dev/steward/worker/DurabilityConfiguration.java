package dev.steward.worker;

import dev.steward.store.model.ModelCallJournal;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The worker's Temporal tuning for surviving crashes and restarts: heartbeats for running
 * activities, a drain on shutdown, and the retention of the model-call journal.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DurabilitySettings.class)
class DurabilityConfiguration {

  /**
   * Sent as often as {@link ActivityHeartbeats} beats, instead of the SDK's default of up to 80% of
   * the heartbeat timeout, which would leave a late heartbeat almost no slack.
   */
  private static final Duration HEARTBEAT_THROTTLE = Duration.ofSeconds(1);

  /** Last in the interceptor chain, so that it wraps all others (the SDK nests them in order). */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  WorkerInterceptor activityHeartbeats() {
    return new ActivityHeartbeats();
  }

  /**
   * Heartbeats go on while the worker drains, so that Temporal does not give up an activity the
   * worker is finishing (the SDK refuses them during shutdown unless told otherwise).
   */
  @Bean
  TemporalOptionsCustomizer<WorkerOptions.Builder> heartbeatOptions() {
    return builder ->
        builder
            .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
            .setAllowActivityHeartbeatDuringShutdown(true);
  }

  @Bean
  WorkerDrain workerDrain(WorkerFactory factory, DurabilitySettings settings) {
    return new WorkerDrain(factory, settings.shutdownGrace());
  }

  @Bean
  ModelCallRetention modelCallRetention(ModelCallJournal journal, DurabilitySettings settings) {
    return new ModelCallRetention(journal, settings.modelCallRetention(), Clock.systemUTC());
  }
}
