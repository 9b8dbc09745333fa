package dev.steward.api.observability;

import dev.steward.store.task.TaskReadModel;
import dev.steward.workflows.task.ApprovalEvent;
import dev.steward.workflows.task.DecisionRecord;
import dev.steward.workflows.task.TaskState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@code steward.approval.decision.latency}: how long an approval request waited for the decision
 * an approver just made, by tenant, task type and verdict. When it was requested comes from the
 * task read model (a real-time read by id), off the approver's request thread: the approver never
 * waits for a metric, and a decision is never refused because of one.
 */
@Component
public class DecisionLatency implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DecisionLatency.class);

  /** Decisions waiting to be measured; past this, a burst is not measured rather than queued. */
  private static final int BACKLOG = 1_000;

  private final TaskReadModel readModel;
  private final MeterRegistry registry;
  private final ExecutorService executor =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new LinkedBlockingQueue<>(BACKLOG),
          r -> {
            Thread t = new Thread(r, "steward-decision-latency");
            t.setDaemon(true);
            return t;
          });

  DecisionLatency(TaskReadModel readModel, MeterRegistry registry) {
    this.readModel = readModel;
    this.registry = registry;
  }

  /** An approver's decision on {@code taskId} was accepted by its workflow. */
  public void accepted(String tenant, String taskId, DecisionRecord decision) {
    try {
      executor.execute(() -> measure(tenant, taskId, decision));
    } catch (RejectedExecutionException e) {
      log.debug("decision latency of {} not measured: backlog full", taskId);
    }
  }

  void measure(String tenant, String taskId, DecisionRecord decision) {
    try {
      readModel
          .find(tenant, taskId)
          .ifPresent(task ->
              requestedAt(task, decision)
                  .ifPresent(at ->
                      timer(tenant, task.taskType(), decision)
                          .record(
                              Duration.ofMillis(Math.max(0, decision.decidedAtMillis() - at)))));
    } catch (RuntimeException e) {
      log.debug("decision latency of {} not measured: {}", taskId, e.toString());
    }
  }

  /**
   * When the request this decision closed (or counted towards) was made: the last REQUESTED event
   * before the decision; the read model may already show the next state, without the pending
   * approval.
   */
  static OptionalLong requestedAt(TaskState task, DecisionRecord decision) {
    long latest = Long.MIN_VALUE;
    if (task.approvalEvents() != null) {
      for (ApprovalEvent event : task.approvalEvents()) {
        if (event.kind() == ApprovalEvent.Kind.REQUESTED
            && event.atMillis() <= decision.decidedAtMillis()
            && event.atMillis() > latest) {
          latest = event.atMillis();
        }
      }
    }
    if (latest == Long.MIN_VALUE && task.pendingApproval() != null) {
      latest = task.pendingApproval().requestedAtMillis();
    }
    return latest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(latest);
  }

  private Timer timer(String tenant, String taskType, DecisionRecord decision) {
    return Timer.builder("steward.approval.decision.latency")
        .description("Time from an approval request to an approver's decision on it")
        .tags(
            "tenant", tenant,
            "task_type", taskType == null ? "none" : taskType,
            "verdict",
                decision.verdict() == null
                    ? "none"
                    : decision.verdict().name().toLowerCase(Locale.ROOT))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofSeconds(1))
        .maximumExpectedValue(Duration.ofDays(7))
        .register(registry);
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
