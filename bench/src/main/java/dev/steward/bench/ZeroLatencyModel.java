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
 * first passage and cites it, which passes the support-answer schema and citation checks. A
 * refund-decision grants the amount asked for, so a refund above the approval threshold waits for
 * an approver.
 */
@Configuration(proxyBeanMethods = false)
public class ZeroLatencyModel {

  static final String REFUND_DECISION = "refund-decision";

  @Bean
  @Primary
  DraftModel zeroLatencyDraftModel() {
    return context -> {
      List<Passage> passages = context.passages();
      String quote = passages.isEmpty() ? "no passage" : passages.getFirst().text();
      List<String> citations =
          passages.isEmpty() ? List.of("none") : List.of(passages.getFirst().chunkId());
      Map<String, Object> output =
          REFUND_DECISION.equals(context.type().name())
              ? Map.of(
                  "decision",
                  "refund",
                  "refundAmount",
                  context.input().get("requestedAmount"),
                  "rationale",
                  quote,
                  "citations",
                  citations)
              : Map.of("answer", quote, "citations", citations);
      return new DraftModel.Draft(output, "bench", "zero-latency", quote);
    };
  }
}
