package dev.steward.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a worker stops and what it keeps ({@code steward.worker.*}).
 *
 * @param shutdownGrace how long a stopping worker lets its running activities finish before it
 *     interrupts them (they are then retried elsewhere); keep it below the platform's kill timeout
 *     (Kubernetes: 30 s by default)
 * @param modelCallRetention how long model-call journal entries are kept: longer than any task run
 */
@ConfigurationProperties("steward.worker")
public record DurabilitySettings(Duration shutdownGrace, Duration modelCallRetention) {

  public DurabilitySettings {
    shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(25) : shutdownGrace;
    modelCallRetention = modelCallRetention == null ? Duration.ofDays(35) : modelCallRetention;
  }
}
