package dev.steward.store.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PromptLabelTest {

  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aMoveBecomesTheLabelAndTheLastEntryOfItsHistory() {
    PromptLabel canary =
        PromptLabel.created("support-answer", "canary", move(null, 2, 10), PromptLabel.PRODUCTION);

    PromptLabel rolledBack = canary.movedTo(move(2, 2, 0), PromptLabel.PRODUCTION);

    assertThat(rolledBack.version()).isEqualTo(2);
    assertThat(rolledBack.percent()).isZero();
    assertThat(rolledBack.history()).extracting(PromptLabel.Move::percent).containsExactly(10, 0);
    assertThat(canary.history()).hasSize(1);
  }

  @Test
  void historyKeepsTheLatestMovesWithinItsBound() {
    PromptLabel label = PromptLabel.created("p", "production", move(null, 1, null), null);
    for (int v = 2; v <= PromptLabel.MAX_HISTORY + 50; v++) {
      label = label.movedTo(move(v - 1, v, null), null);
    }

    assertThat(label.history()).hasSize(PromptLabel.MAX_HISTORY);
    assertThat(label.history().getLast().version()).isEqualTo(PromptLabel.MAX_HISTORY + 50);
    assertThat(label.history().getFirst().version()).isEqualTo(51);
  }

  @Test
  void theHashTellsTemplatesApartEvenWhenTextMovesBetweenThem() {
    assertThat(PromptVersion.hash("ab", "c")).isNotEqualTo(PromptVersion.hash("a", "bc"));
    assertThat(PromptVersion.hash("a", "b"))
        .isEqualTo(PromptVersion.hash("a", "b"))
        .startsWith("sha256:");
  }

  private static PromptLabel.Move move(Integer from, int to, Integer percent) {
    return new PromptLabel.Move(from, null, to, percent, "test", AT, null);
  }
}
