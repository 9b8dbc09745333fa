package dev.steward.app;

import dev.steward.workflows.task.StewardSearchAttributes;
import io.temporal.common.SearchAttributeKey;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tuning of Temporal's in-process server for the embedded default. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.temporal.test-server.enabled", havingValue = "true")
class TemporalTestServerConfiguration {

  /**
   * Real time instead of skipped time (otherwise a 24 h approval SLA would expire at once), and
   * Steward's search attributes, which a real server gets from its operator.
   */
  @Bean
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> embeddedTemporalServer() {
    return builder -> {
      builder.setUseTimeskipping(false);
      for (SearchAttributeKey<?> key : StewardSearchAttributes.ALL) {
        builder.registerSearchAttribute(key.getName(), key.getValueType());
      }
      return builder;
    };
  }
}
