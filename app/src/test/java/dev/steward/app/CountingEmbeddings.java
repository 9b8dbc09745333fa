package dev.steward.app;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The real embedding model, counting what it embeds, with a fault to arm: a test can make one
 * future call fail, as a crashed worker's would, or slow every call down.
 */
@Configuration(proxyBeanMethods = false)
class CountingEmbeddings {

  static final AtomicLong EMBEDDED_TEXTS = new AtomicLong();

  /** Calls of embedAll to let through before one fails; negative when no fault is armed. */
  static final AtomicInteger FAIL_AFTER_CALLS = new AtomicInteger(-1);

  static volatile long delayMillis;

  @Bean
  EmbeddingModel embeddingModel() {
    EmbeddingModel real = new AllMiniLmL6V2EmbeddingModel();
    return new EmbeddingModel() {
      @Override
      public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        if (FAIL_AFTER_CALLS.get() >= 0 && FAIL_AFTER_CALLS.getAndDecrement() == 0) {
          throw new IllegalStateException("injected embedding failure");
        }
        if (delayMillis > 0) {
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        Response<List<Embedding>> response = real.embedAll(segments);
        EMBEDDED_TEXTS.addAndGet(segments.size());
        return response;
      }

      @Override
      public int dimension() {
        return real.dimension();
      }
    };
  }
}
