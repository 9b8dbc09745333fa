package dev.steward.activities.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.steward.activities.classification.GatewayTaskClassifier;
import dev.steward.activities.classification.OfflineTaskClassifier;
import dev.steward.activities.classification.TaskClassifier;
import dev.steward.activities.reasoning.DraftModel;
import dev.steward.activities.reasoning.GatewayDraftModel;
import dev.steward.activities.reasoning.OfflineDraftModel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which model answers is decided by configuration alone: offline unless a provider is set. */
class ModelSelectionTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(
              InProcessModels.class,
              ModelGatewayConfiguration.class,
              OfflineDraftModel.class,
              GatewayDraftModel.class,
              OfflineTaskClassifier.class,
              GatewayTaskClassifier.class);

  @Test
  void theOfflineModelAnswersWhenNoProviderIsConfigured() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(DraftModel.class)).isInstanceOf(OfflineDraftModel.class);
      assertThat(context.getBean(TaskClassifier.class)).isInstanceOf(OfflineTaskClassifier.class);
      assertThat(context).doesNotHaveBean(ModelGateway.class);
      assertThat(context.getBean(PriceTable.class).priceOf("gpt-4o-mini")).isPresent();
    });
  }

  @Test
  void aConfiguredProviderReplacesTheOfflineModel() {
    runner
        .withPropertyValues(
            "steward.models.providers.local.type=ollama",
            "steward.models.providers.local.base-url=http://localhost:11434",
            "steward.models.tiers.small[0]=local/llama3.2",
            "steward.models.tiers.strong[0]=local/qwen2.5:14b",
            "steward.models.prices[0].model=qwen2.5:14b",
            "steward.models.prices[0].input-per-million=0.01",
            "steward.models.prices[0].output-per-million=0.02")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(DraftModel.class)).isInstanceOf(GatewayDraftModel.class);
          assertThat(context.getBean(TaskClassifier.class))
              .isInstanceOf(GatewayTaskClassifier.class);
          assertThat(context.getBean(CostCalculator.class).cost("qwen2.5:14b", 1000, 500))
              .isEqualTo(0.00002);
        });
  }

  @Test
  void aProviderWithoutItsKeyInTheEnvironmentFailsAtStartUp() {
    runner
        .withPropertyValues(
            "steward.models.providers.openai.type=openai",
            "steward.models.providers.openai.api-key-env=STEWARD_TEST_KEY_THAT_IS_NOT_SET",
            "steward.models.tiers.small[0]=openai/gpt-4o-mini")
        .run(context ->
            assertThat(context)
                .getFailure()
                .rootCause()
                .hasMessageContaining("STEWARD_TEST_KEY_THAT_IS_NOT_SET"));
  }

  @Test
  void theReadmesEnvironmentVariablesBindToTheProviderAndTiers() {
    var env =
        new org.springframework.core.env.SystemEnvironmentPropertySource(
            "systemEnvironment",
            java.util.Map.of(
                "STEWARD_MODELS_PROVIDERS_OPENAI_TYPE", "openai",
                "STEWARD_MODELS_PROVIDERS_OPENAI_APIKEYENV", "OPENAI_API_KEY",
                "STEWARD_MODELS_TIERS_SMALL_0", "openai/gpt-4.1-mini",
                "STEWARD_MODELS_TIERS_STRONG_0", "openai/gpt-4.1"));
    ModelProperties bound =
        new org.springframework.boot.context.properties.bind.Binder(
                org.springframework.boot.context.properties.source.ConfigurationPropertySources
                    .from(env))
            .bind("steward.models", ModelProperties.class)
            .get();

    assertThat(bound.providers().get("openai").type()).isEqualTo(ProviderType.OPENAI);
    assertThat(bound.providers().get("openai").apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
    assertThat(bound.tiers().get("small")).containsExactly("openai/gpt-4.1-mini");
    assertThat(bound.tiers().get("strong")).containsExactly("openai/gpt-4.1");
  }

  @Configuration(proxyBeanMethods = false)
  static class InProcessModels {
    @Bean
    EmbeddingModel embeddingModel() {
      return new AllMiniLmL6V2EmbeddingModel();
    }

    @Bean
    TokenCountEstimator tokenCountEstimator() {
      return new HuggingFaceTokenCountEstimator();
    }
  }
}
