package dev.steward.observability.logging;

import dev.steward.activities.screening.ScreeningProperties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Hands the deployment's {@code steward.screening.pii} rules to {@link LogRedaction} as soon as the
 * configuration is read: environment post-processors run before Spring Boot initialises logging, so
 * the first line of the application's own log is already masked by them.
 */
class LogRedactionRules implements EnvironmentPostProcessor {

  private static final ScreeningProperties.Pii DEFAULTS = new ScreeningProperties.Pii(null, null);

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    ScreeningProperties.Pii pii =
        Binder.get(environment)
            .bind("steward.screening", ScreeningProperties.class)
            .map(ScreeningProperties::pii)
            .orElse(DEFAULTS);
    LogRedaction.use(pii.redactor(), pii.nationalIds().equals(DEFAULTS.nationalIds()));
  }
}
