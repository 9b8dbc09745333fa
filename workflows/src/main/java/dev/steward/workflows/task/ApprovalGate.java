package dev.steward.workflows.task;

import dev.steward.workflows.StepOptions;
import dev.steward.workflows.task.ApprovalPolicy.ExpiryOutcome;
import dev.steward.workflows.task.ClassificationTypes.Risk;
import dev.steward.workflows.task.DecisionRequest.Verdict;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The approval state machine of one task: it opens a request for an exact action, waits for the
 * decisions it needs (one approver, or two distinct ones), reminds, escalates and expires on
 * durable timers, and keeps every decision and event for the task's record.
 *
 * <p>Workflow code: time comes from {@link Workflow#currentTimeMillis()} and waits from {@link
 * Workflow#await}, so days of waiting survive worker restarts and replay identically.
 */
final class ApprovalGate {

  private static final Logger log = Workflow.getLogger(ApprovalGate.class);

  /** The pending-approval kind of a request to spend past the budget. */
  static final String OVERRUN_ACTION = "budget-overrun";

  /**
   * The pending-approval kind of a task without an action: its output is released once approved.
   */
  static final String RELEASE_OUTPUT = "release-output";

  /** How long an overrun request waits when the task type has no approval policy of its own. */
  static final Duration DEFAULT_OVERRUN_SLA = Duration.ofHours(24);

  private final ApprovalActivities notifier;
  private final List<DecisionRecord> decisions = new ArrayList<>();
  private final List<ApprovalEvent> events = new ArrayList<>();

  /** The request being decided, or null when none is open. */
  private Open open;

  /** The decision that closed the latest request, or null. */
  private DecisionRecord lastOutcome;

  ApprovalGate(ApprovalActivities notifier) {
    this.notifier = notifier;
  }

  /**
   * What to ask an approver about, and the timing and counting rules of the request.
   *
   * @param sla null: the request never expires
   */
  record Ask(
      String kind,
      Map<String, Object> payload,
      List<String> reasons,
      Double amount,
      double threshold,
      int approvalsRequired,
      Duration sla,
      ExpiryOutcome onExpiry,
      Duration remindAfter,
      Duration escalateAfter,
      String escalationRole) {

    /**
     * The request for a validated output under the task type's policy, or null when no rule asks
     * for one. A task without an action asks to release its output.
     */
    static Ask forOutput(
        ApprovalPolicy policy,
        String actionKind,
        Map<String, Object> output,
        Risk risk,
        boolean grounded) {
      List<String> reasons = policy.reasonsFor(output, risk, grounded);
      if (reasons.isEmpty()) {
        return null;
      }
      Double amount = policy.amountIn(output);
      return new Ask(
          actionKind == null ? RELEASE_OUTPUT : actionKind,
          output,
          reasons,
          amount,
          policy.threshold(),
          policy.approvalsRequired(amount),
          policy.sla(),
          policy.onExpiry(),
          policy.remindAfter(),
          policy.escalateAfter(),
          policy.escalationRole());
    }

    /**
     * A request to spend past the budget, reminded and escalated as the task type's policy says
     * (null: none); one approver suffices, and expiry never approves spending.
     */
    static Ask forOverrun(ApprovalPolicy policy, String why, double spentUsd, double maxCostUsd) {
      return new Ask(
          OVERRUN_ACTION,
          Map.of("reason", why, "spentUsd", spentUsd, "maxCostUsd", maxCostUsd),
          List.of(why),
          spentUsd,
          maxCostUsd,
          1,
          policy == null ? DEFAULT_OVERRUN_SLA : policy.sla(),
          ExpiryOutcome.REJECT,
          policy == null ? null : policy.remindAfter(),
          policy == null ? null : policy.escalateAfter(),
          policy == null ? null : policy.escalationRole());
    }
  }

  /**
   * How a request ended.
   *
   * @param decision the decision that closed it: the last approval, a rejection, or the expiry
   * @param approvers who approved it, in order (a rejected request may list an earlier approval)
   */
  record Outcome(DecisionRecord decision, List<String> approvers) {
    boolean expired() {
      return DecisionRecord.EXPIRY.equals(decision.decidedBy());
    }

    boolean approved() {
      return decision.verdict() == Verdict.APPROVE;
    }

    String approvedBy() {
      return String.join(" and ", approvers);
    }
  }

  /**
   * Opens a request and waits until it is decided or expires.
   *
   * @param changed called whenever what an approver sees changed (opened, approved once, reminded,
   *     escalated), so the caller can publish the state; the first call comes once the request is
   *     open
   */
  Outcome await(TaskRequest task, Ask ask, Runnable changed) {
    long now = Workflow.currentTimeMillis();
    Open request = new Open(ask, ActionHash.of(ask.kind(), ask.payload()), now);
    open = request;
    events.add(
        new ApprovalEvent(
            now, ApprovalEvent.Kind.REQUESTED, ask.kind(), String.join("; ", ask.reasons())));
    changed.run();
    while (request.outcome == null) {
      now = Workflow.currentTimeMillis();
      if (now >= request.expiresAt) {
        expire(request, now);
        break;
      }
      if (now >= request.nextReminderAt) {
        remind(task, request, now);
        changed.run();
        continue;
      }
      if (!request.escalated && now >= request.escalatesAt) {
        escalate(task, request, now);
        changed.run();
        continue;
      }
      long wakeAt =
          Math.min(
              request.expiresAt,
              Math.min(
                  request.nextReminderAt,
                  request.escalated ? Long.MAX_VALUE : request.escalatesAt));
      int seen = request.approvals.size();
      if (wakeAt == Long.MAX_VALUE) {
        Workflow.await(() -> request.outcome != null || request.approvals.size() != seen);
      } else {
        Workflow.await(
            Duration.ofMillis(wakeAt - now),
            () -> request.outcome != null || request.approvals.size() != seen);
      }
      // Read from the fields, not from await's result: a decision accepted in the same workflow
      // task as a timer firing still counts.
      if (request.outcome == null && request.approvals.size() != seen) {
        changed.run();
      }
    }
    open = null;
    lastOutcome = request.outcome;
    return new Outcome(
        request.outcome, request.approvals.stream().map(DecisionRecord::decidedBy).toList());
  }

  /** The Update validator's check: may this caller make this decision now. */
  void validate(TaskRequest task, TaskStatus status, DecisionRequest d) {
    DecisionRules.check(task, status, pending(), lastOutcome, d);
  }

  /** Records a decision the validator accepted; it closes the request when it settles it. */
  DecisionRecord accept(DecisionRequest d) {
    Open request = open;
    if (request == null || request.outcome != null) {
      // The request closed between validation and handling (e.g. it expired in the same workflow
      // task): the Update fails, the workflow does not.
      throw ApplicationFailure.newNonRetryableFailure(
          "the approval request closed before the decision arrived",
          IllegalStateException.class.getName());
    }
    DecisionRecord record =
        new DecisionRecord(
            d.approver(),
            d.verdict(),
            d.comment(),
            Workflow.currentTimeMillis(),
            request.ask.kind(),
            request.hash);
    decisions.add(record);
    if (d.verdict() == Verdict.REJECT) {
      request.outcome = record;
    } else {
      request.approvals.add(record);
      if (request.approvals.size() >= request.ask.approvalsRequired()) {
        request.outcome = record;
      }
    }
    return record;
  }

  /** Drops the open request when the task ends while it waits (cancellation). */
  void abandon() {
    open = null;
  }

  /** What an approver sees of the open request, or null when none is open. */
  PendingApproval pending() {
    Open request = open;
    if (request == null) {
      return null;
    }
    Ask ask = request.ask;
    return new PendingApproval(
        ask.kind(),
        ask.payload(),
        request.hash,
        ask.reasons(),
        ask.amount(),
        ask.threshold(),
        ask.approvalsRequired(),
        List.copyOf(request.approvals),
        request.deciderRoles(),
        request.escalated,
        request.requestedAt,
        request.escalatesAt,
        request.expiresAt);
  }

  /** The decision that closed the latest request, or null. */
  DecisionRecord lastOutcome() {
    return lastOutcome;
  }

  List<DecisionRecord> decisions() {
    return List.copyOf(decisions);
  }

  List<ApprovalEvent> events() {
    return List.copyOf(events);
  }

  private void expire(Open request, long now) {
    Verdict verdict =
        request.ask.onExpiry() == ExpiryOutcome.APPROVE ? Verdict.APPROVE : Verdict.REJECT;
    request.outcome = DecisionRecord.expired(verdict, now, request.ask.kind(), request.hash);
    decisions.add(request.outcome);
    events.add(
        new ApprovalEvent(
            now, ApprovalEvent.Kind.EXPIRED, request.ask.kind(), "expired; outcome " + verdict));
  }

  private void remind(TaskRequest task, Open request, long now) {
    request.nextReminderAt = plus(request.nextReminderAt, request.ask.remindAfter());
    List<String> roles = request.deciderRoles();
    String detail = notify(task, request, ApprovalNotice.Kind.REMINDER, roles);
    events.add(new ApprovalEvent(now, ApprovalEvent.Kind.REMINDED, request.ask.kind(), detail));
  }

  private void escalate(TaskRequest task, Open request, long now) {
    request.escalated = true;
    List<String> roles = List.of(request.ask.escalationRole());
    String detail = notify(task, request, ApprovalNotice.Kind.ESCALATION, roles);
    events.add(new ApprovalEvent(now, ApprovalEvent.Kind.ESCALATED, request.ask.kind(), detail));
  }

  /**
   * Sends a notice; a notice that cannot be delivered after its retries is recorded, never fatal:
   * the request still waits and expires on its own timer.
   */
  private String notify(
      TaskRequest task, Open request, ApprovalNotice.Kind kind, List<String> roles) {
    String to = "notified " + String.join(", ", roles);
    try {
      notifier.notifyApprovers(
          new ApprovalNotice(
              task.taskId(),
              task.tenant(),
              task.taskType(),
              kind,
              roles,
              request.ask.kind(),
              request.hash,
              request.expiresAt));
      return to;
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure
          || CancellationScope.current().isCancelRequested()) {
        throw e;
      }
      log.warn("task {}: {} notice not delivered", task.taskId(), kind, e);
      return to + " failed: " + StepOptions.failureMessage(e);
    }
  }

  private static long plus(long atMillis, Duration after) {
    return after == null ? Long.MAX_VALUE : atMillis + after.toMillis();
  }

  /** The mutable state of an open request; only workflow code and its Update handler touch it. */
  private static final class Open {
    final Ask ask;
    final String hash;
    final long requestedAt;
    final long expiresAt;
    final long escalatesAt;
    final List<DecisionRecord> approvals = new ArrayList<>();
    long nextReminderAt;
    boolean escalated;
    DecisionRecord outcome;

    Open(Ask ask, String hash, long requestedAt) {
      this.ask = ask;
      this.hash = hash;
      this.requestedAt = requestedAt;
      this.expiresAt = plus(requestedAt, ask.sla());
      this.escalatesAt = plus(requestedAt, ask.escalateAfter());
      this.nextReminderAt = plus(requestedAt, ask.remindAfter());
    }

    /** Approvers always; the escalation group joins once the request has escalated. */
    List<String> deciderRoles() {
      return escalated
          ? List.of(DecisionRequest.APPROVER_ROLE, ask.escalationRole())
          : List.of(DecisionRequest.APPROVER_ROLE);
    }
  }
}
