package dev.steward.workflows.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.task.BudgetGuard.Action;
import dev.steward.workflows.task.TaskBudget.OnBreach;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetGuardTest {

  @Test
  void reportsCostAndTimeBreachesUntilWaived() {
    BudgetGuard guard =
        new BudgetGuard(new TaskBudget(Duration.ofSeconds(10), 0.10, OnBreach.STOP));

    assertThat(guard.ceiling()).isEqualTo(0.10);
    assertThat(guard.violation(0.05, 1_000)).isNull();
    assertThat(guard.violation(0.20, 1_000)).contains("cost budget exceeded");
    assertThat(guard.violation(0.05, 20_000)).contains("latency budget exceeded");

    guard.waive();
    assertThat(guard.ceiling()).isZero();
    assertThat(guard.violation(0.20, 20_000)).isNull();
  }

  @Test
  void degradeMovesToTheSmallTierThenStopsBeforeAnotherCall() {
    BudgetGuard guard = new BudgetGuard(new TaskBudget(null, 0.10, OnBreach.DEGRADE));

    var fromStrong = guard.onBreach("over", false, "strong");
    assertThat(fromStrong.action()).isEqualTo(Action.CONTINUE);
    assertThat(fromStrong.tier()).isEqualTo("small");
    assertThat(guard.onBreach("over", true, "small").action()).isEqualTo(Action.CONTINUE);
    var onSmall = guard.onBreach("over", false, "small");
    assertThat(onSmall.action()).isEqualTo(Action.STOP);
    assertThat(onSmall.message()).contains("no cheaper tier");
  }

  @Test
  void stopAndAskFollowThePolicy() {
    assertThat(
            new BudgetGuard(new TaskBudget(null, 1, OnBreach.STOP))
                .onBreach("x", false, "small")
                .action())
        .isEqualTo(Action.STOP);
    assertThat(
            new BudgetGuard(new TaskBudget(null, 1, OnBreach.ASK_APPROVAL))
                .onBreach("x", true, "strong")
                .action())
        .isEqualTo(Action.ASK_APPROVAL);
  }

  @Test
  void noBudgetMeansNoCeilingAndNoBreach() {
    BudgetGuard guard = new BudgetGuard(null);
    assertThat(guard.ceiling()).isZero();
    assertThat(guard.violation(1_000, Long.MAX_VALUE)).isNull();
  }
}
