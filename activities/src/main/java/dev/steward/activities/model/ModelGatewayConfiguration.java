package dev.steward.activities.model;

import dev.langchain4j.model.TokenCountEstimator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The model gateway's beans. Prices and metrics always exist; the router, the chat models and the
 * gateway only when a provider is configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModelProperties.class)
public class ModelGatewayConfiguration {

  @Bean
  PriceTable priceTable(ModelProperties properties) {
    return PriceTable.bundledWith(properties.prices());
  }

  @Bean
  CostCalculator costCalculator(PriceTable prices) {
    return new CostCalculator(prices);
  }

  /** The application's registry when it has one (actuator), else Micrometer's global one. */
  @Bean
  ModelMetrics modelMetrics(ObjectProvider<MeterRegistry> registry) {
    return new ModelMetrics(registry.getIfAvailable(() -> Metrics.globalRegistry));
  }

  @Bean
  @Conditional(ProvidersConfigured.class)
  ModelRouter modelRouter(ModelProperties properties) {
    return new ModelRouter(properties);
  }

  /** Keys come from the process environment only, never from Spring properties. */
  @Bean
  @Conditional(ProvidersConfigured.class)
  ChatModelFactory chatModelFactory(ModelProperties properties) {
    return new ChatModelFactory(properties, System::getenv);
  }

  @Bean
  @Conditional(ProvidersConfigured.class)
  ModelGateway modelGateway(
      ModelRouter router,
      ChatModelFactory models,
      CostCalculator costs,
      TokenCountEstimator tokens,
      ModelMetrics metrics,
      ModelProperties properties) {
    return new ModelGateway(router, models, costs, tokens, metrics, properties.retryAfterCap());
  }
}
