package dev.steward.retrieval;

import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.steward.store.StoreAutoConfiguration;
import dev.steward.store.chunk.ChunkIndex;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The in-process models every deployment has (embeddings and a tokenizer, both offline) and the
 * hybrid search built on them.
 */
@AutoConfiguration(after = StoreAutoConfiguration.class)
public class RetrievalAutoConfiguration {

  /** all-MiniLM-L6-v2: 384-dimensional sentence embeddings, weights shipped in the jar. */
  @Bean
  @ConditionalOnMissingBean
  EmbeddingModel embeddingModel() {
    return new AllMiniLmL6V2EmbeddingModel();
  }

  /** A WordPiece tokenizer, so token counts are counted rather than guessed from characters. */
  @Bean
  @ConditionalOnMissingBean
  TokenCountEstimator tokenCountEstimator() {
    return new HuggingFaceTokenCountEstimator();
  }

  @Bean
  @ConditionalOnMissingBean
  HybridSearch hybridSearch(
      ChunkIndex chunks, EmbeddingModel embeddings, TokenCountEstimator tokens) {
    return new HybridSearch(chunks, embeddings, tokens);
  }
}
