package dev.steward.activities.screening;

import dev.langchain4j.model.embedding.EmbeddingModel;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The input screen, built once: its attack exemplars are embedded at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScreeningProperties.class)
class ScreeningConfiguration {

  @Bean
  InputScreen inputScreen(EmbeddingModel embeddings, ScreeningProperties properties) {
    return new InputScreen(
        InjectionDetector.withBundledExemplars(embeddings), properties.pii().redactor());
  }
}
