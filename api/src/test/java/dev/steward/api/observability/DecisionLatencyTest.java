package dev.steward.api.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.steward.store.task.TaskReadModel;
import dev.steward.workflows.task.ApprovalEvent;
import dev.steward.workflows.task.DecisionRecord;
import dev.steward.workflows.task.DecisionRequest.Verdict;
import dev.steward.workflows.task.TaskState;
import dev.steward.workflows.task.TaskStatus;
import dev.steward.workflows.task.Usage;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DecisionLatencyTest {

  private static final long HOUR = 3_600_000;

  private final TaskReadModel readModel = mock(TaskReadModel.class);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DecisionLatency latency = new DecisionLatency(readModel, registry);

  @Test
  void measuresFromTheRequestTheDecisionClosed() {
    long requested = 10 * HOUR;
    List<ApprovalEvent> events =
        List.of(
            new ApprovalEvent(HOUR, ApprovalEvent.Kind.REQUESTED, "budget-overrun", "cost"),
            new ApprovalEvent(requested, ApprovalEvent.Kind.REQUESTED, "issue-refund", "amount"),
            new ApprovalEvent(requested + HOUR, ApprovalEvent.Kind.REMINDED, "issue-refund", ""));
    when(readModel.find("acme", "acme.r-1")).thenReturn(Optional.of(task(events)));

    latency.measure("acme", "acme.r-1", decision(requested + 2 * HOUR + 1000));

    Timer timer =
        registry
            .get("steward.approval.decision.latency")
            .tags("tenant", "acme", "task_type", "refund-decision", "verdict", "approve")
            .timer();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2 * HOUR + 1000);
  }

  @Test
  void aTaskTheReadModelDoesNotHaveYetIsNotMeasured() {
    when(readModel.find("acme", "acme.r-2")).thenReturn(Optional.empty());

    latency.measure("acme", "acme.r-2", decision(HOUR));

    assertThat(registry.find("steward.approval.decision.latency").timers()).isEmpty();
  }

  @Test
  void aFailingReadNeverReachesTheApprover() {
    when(readModel.find("acme", "acme.r-3")).thenThrow(new IllegalStateException("down"));

    latency.measure("acme", "acme.r-3", decision(HOUR));

    assertThat(registry.find("steward.approval.decision.latency").timers()).isEmpty();
  }

  @Test
  void requestsAfterTheDecisionDoNotCount() {
    List<ApprovalEvent> events =
        List.of(
            new ApprovalEvent(HOUR, ApprovalEvent.Kind.REQUESTED, "issue-refund", ""),
            new ApprovalEvent(5 * HOUR, ApprovalEvent.Kind.REQUESTED, "issue-refund", ""));

    assertThat(DecisionLatency.requestedAt(task(events), decision(2 * HOUR))).hasValue(HOUR);
    assertThat(DecisionLatency.requestedAt(task(List.of()), decision(2 * HOUR))).isEmpty();
  }

  private static DecisionRecord decision(long atMillis) {
    return new DecisionRecord("bob-approver", Verdict.APPROVE, null, atMillis, "issue-refund", "h");
  }

  private static TaskState task(List<ApprovalEvent> events) {
    return new TaskState(
        "acme.r-1",
        "acme",
        "refund-decision",
        "alice-requester",
        TaskStatus.COMPLETED,
        null,
        List.of(),
        new Usage(List.of()),
        List.of(),
        null,
        true,
        null,
        null,
        null,
        null,
        0,
        0,
        List.of(),
        null,
        null,
        List.of(),
        events,
        List.of());
  }
}
