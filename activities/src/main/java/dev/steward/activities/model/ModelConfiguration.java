package dev.steward.activities.model;

import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-process models every deployment has: embeddings and a tokenizer, both offline. */
@Configuration(proxyBeanMethods = false)
public class ModelConfiguration {

  /** all-MiniLM-L6-v2: 384-dimensional sentence embeddings, weights shipped in the jar. */
  @Bean
  EmbeddingModel embeddingModel() {
    return new AllMiniLmL6V2EmbeddingModel();
  }

  /** A WordPiece tokenizer, so token counts are counted rather than guessed from characters. */
  @Bean
  TokenCountEstimator tokenCountEstimator() {
    return new HuggingFaceTokenCountEstimator();
  }
}
