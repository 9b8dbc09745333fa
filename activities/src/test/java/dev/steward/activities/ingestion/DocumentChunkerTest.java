package dev.steward.activities.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import org.junit.jupiter.api.Test;

class DocumentChunkerTest {

  private final HuggingFaceTokenCountEstimator tokens = new HuggingFaceTokenCountEstimator();
  private final DocumentChunker chunker = new DocumentChunker(tokens);

  @Test
  void keepsChunksWithinTheEmbeddingModelsWindowAndIsDeterministic() {
    String paragraph =
        "Returns are accepted within thirty days of delivery when the item is unused. ";
    String text = ("## Section\n\n" + paragraph.repeat(12) + "\n\n").repeat(6);

    var chunks = chunker.split(text);

    assertThat(chunks).hasSizeGreaterThan(3);
    assertThat(chunks)
        .allSatisfy(c ->
            assertThat(tokens.estimateTokenCountInText(c))
                .isLessThanOrEqualTo(DocumentChunker.MAX_TOKENS));
    assertThat(chunker.split(text)).isEqualTo(chunks);
  }

  @Test
  void chunkIdsAreScopedByTenant() {
    assertThat(DocumentChunker.chunkId("acme", "faq", 2))
        .isNotEqualTo(DocumentChunker.chunkId("globex", "faq", 2))
        .isEqualTo("acme:faq#2");
  }
}
