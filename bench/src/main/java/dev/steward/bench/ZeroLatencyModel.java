package dev.steward.bench;

import dev.steward.activities.reasoning.DraftModel;
import dev.steward.activities.reasoning.Passage;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * A model that answers at once, so the benchmark measures Steward's own overhead: it quotes the
 * first passage and cites it, which passes the support-answer schema and citation checks.
 */
@Configuration(proxyBeanMethods = false)
public class ZeroLatencyModel {

  @Bean
  @Primary
  DraftModel zeroLatencyDraftModel() {
    return context -> {
      List<Passage> passages = context.passages();
      String answer = passages.isEmpty() ? "no passage" : passages.getFirst().text();
      List<String> citations =
          passages.isEmpty() ? List.of("none") : List.of(passages.getFirst().chunkId());
      return new DraftModel.Draft(
          Map.of("answer", answer, "citations", citations), "bench", "zero-latency", answer);
    };
  }
}
