package dev.steward.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.task.ModelCall;
import dev.steward.workflows.task.PassageRef;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import dev.steward.workflows.task.TaskStepTypes.ValidationVerdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoringTest {

  private static final List<String> RETRIEVED = List.of("t:refunds#0", "t:refunds#1");

  @Test
  void citationsAreCorrectOnlyWhenThereAreSomeAndAllWereRetrieved() {
    assertThat(Scoring.citationsCorrect(Map.of("citations", List.of("t:refunds#1")), RETRIEVED))
        .isTrue();
    assertThat(
            Scoring.citationsCorrect(
                Map.of("citations", List.of("t:refunds#1", "t:other#3")), RETRIEVED))
        .isFalse();
    assertThat(Scoring.citationsCorrect(Map.of("citations", List.of()), RETRIEVED)).isFalse();
    assertThat(Scoring.citationsCorrect(Map.of("citations", "t:refunds#1"), RETRIEVED)).isFalse();
    assertThat(Scoring.citationsCorrect(null, RETRIEVED)).isFalse();
  }

  @Test
  void aRetrievalHitNeedsAGoldDocumentAmongThePassages() {
    List<PassageRef> passages =
        List.of(
            new PassageRef("t:a#0", "a", "A", 0, 0.9), new PassageRef("t:b#2", "b", "B", 2, 0.5));

    assertThat(Scoring.retrievalHit(passages, Set.of("b", "z"))).isTrue();
    assertThat(Scoring.retrievalHit(passages, Set.of("z"))).isFalse();
    assertThat(Scoring.retrievalHit(passages, Set.of())).isNull();
  }

  @Test
  void scoresADraftWithEveryPaidCallCounted() {
    ModelCall discarded = new ModelCall("DraftOutput", "p", "m", 100, 20, 0.001, 40);
    ModelCall answer = new ModelCall("DraftOutput", "p", "m", 120, 30, 0.002, 50);
    Map<String, Object> output = Map.of("answer", "Ten days.", "citations", List.of("t:other#9"));
    ValidationVerdict verdict =
        new ValidationVerdict(
            false,
            List.of("citation 't:other#9' is not one of the retrieved passages"),
            false,
            List.of(),
            0.0,
            List.of(),
            List.of());

    ItemScore score =
        Scoring.scored(
            new Scoring.Draft(
                "q1",
                RETRIEVED,
                true,
                "support-answer@2",
                new DraftResult(output, answer, List.of(discarded)),
                75),
            verdict,
            List.of());

    assertThat(score.outcome()).isEqualTo(ItemScore.Outcome.SCORED);
    assertThat(score.schemaValid()).isTrue();
    assertThat(score.citationsCorrect()).isFalse();
    assertThat(score.grounded()).isFalse();
    assertThat(score.valid()).isFalse();
    assertThat(score.tokensIn()).isEqualTo(220);
    assertThat(score.tokensOut()).isEqualTo(50);
    assertThat(score.costUsd()).isEqualTo(0.003, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(score.latencyMillis()).isEqualTo(75);
    assertThat(score.passages()).isEqualTo(2);
    assertThat(score.citations()).containsExactly("t:other#9");
    assertThat(score.errors()).hasSize(1);
  }

  @Test
  void aFailedDraftFailsEveryCheckButStillCounts() {
    ItemScore failed =
        Scoring.draftFailed(
            "q1", 3, false, "support-answer@1", 12, new IllegalStateException("not JSON"));

    assertThat(failed.counted()).isTrue();
    assertThat(LabelGate.GATED).noneMatch(m -> m.passed(failed));
    assertThat(failed.errors()).containsExactly("draft failed: IllegalStateException: not JSON");
    assertThat(Scoring.blocked("q2", "injection").counted()).isFalse();
  }
}
