package dev.steward.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelGateTest {

  @Test
  void equalScoresPass() {
    VariantSummary a = summary("A", 10, 0);
    VariantSummary b = summary("B", 10, 0);

    LabelGate.GateVerdict verdict = LabelGate.strict().judge(a, b);

    assertThat(verdict.pass()).isTrue();
    assertThat(verdict.failures()).isEmpty();
    assertThat(verdict.exitStatus()).isZero();
  }

  @Test
  void anyRegressionFailsTheStrictGateAndSaysWhich() {
    LabelGate.GateVerdict verdict =
        LabelGate.strict().judge(summary("A", 10, 0), summary("B", 10, 1));

    assertThat(verdict.pass()).isFalse();
    assertThat(verdict.exitStatus()).isEqualTo(1);
    assertThat(verdict.failures())
        .containsExactly(
            "citations within retrieved fell from 1.000 to 0.900 (-0.100; tolerance 0.000)",
            "grounded fell from 1.000 to 0.900 (-0.100; tolerance 0.000)",
            "valid (all checks) fell from 1.000 to 0.900 (-0.100; tolerance 0.000)");
  }

  @Test
  void aToleranceAllowsThatMuchLoss() {
    VariantSummary a = summary("A", 10, 0);

    assertThat(new LabelGate(0.1, 0).judge(a, summary("B", 10, 1)).pass()).isTrue();
    assertThat(new LabelGate(0.1, 0).judge(a, summary("B", 10, 2)).pass()).isFalse();
  }

  @Test
  void aBetterBPassesEvenWhenAWasPoor() {
    assertThat(LabelGate.strict().judge(summary("A", 10, 4), summary("B", 10, 1)).pass()).isTrue();
  }

  @Test
  void aCostLimitIsCheckedOnlyWhenSet() {
    VariantSummary cheap = summaryCosting("A", 0.001);
    VariantSummary dear = summaryCosting("B", 0.003);

    assertThat(LabelGate.strict().judge(cheap, dear).pass()).isTrue();
    LabelGate.GateVerdict limited = new LabelGate(0, 2.0).judge(cheap, dear);
    assertThat(limited.pass()).isFalse();
    assertThat(limited.failures()).singleElement().asString().startsWith("cost rose");
    assertThat(limited.rule()).contains("total cost <= 2.00 x A's");
  }

  @Test
  void nothingToCompareFails() {
    VariantSummary none =
        VariantSummary.of("A", List.of(Scoring.blocked("q1", "looks like an injection")));

    LabelGate.GateVerdict verdict = LabelGate.strict().judge(none, none);

    assertThat(verdict.pass()).isFalse();
    assertThat(verdict.failures())
        .containsExactly("no item was drafted by both variants: nothing to compare");
  }

  @Test
  void refusesAToleranceOutsideZeroToOne() {
    assertThatThrownBy(() -> new LabelGate(-0.1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LabelGate(1.5, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** {@code items} items, the last {@code bad} of them citing a passage they were not given. */
  private static VariantSummary summary(String name, int items, int bad) {
    List<ItemScore> scores = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      scores.add(
          i < items - bad ? Scores.good("q" + i, 0.001) : Scores.badCitation("q" + i, 0.001));
    }
    return VariantSummary.of(name, scores);
  }

  private static VariantSummary summaryCosting(String name, double each) {
    return VariantSummary.of(name, List.of(Scores.good("q1", each), Scores.good("q2", each)));
  }
}
