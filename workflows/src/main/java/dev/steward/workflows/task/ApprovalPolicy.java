package dev.steward.workflows.task;

import dev.steward.workflows.task.ClassificationTypes.Risk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * When a proposed action waits for an approver, how many must approve it, and how long the request
 * waits: reminders, escalation to a senior group, and expiry.
 *
 * <p>Approval is asked when any rule fires: the number at {@code amountField} of the validated
 * output exceeds {@code threshold} (or cannot be read), the classify step judged the task high risk
 * ({@code onHighRisk}), or the answer is not grounded in retrieved passages ({@code onUngrounded}).
 *
 * @param amountField output field holding the action's amount, or null when no amount rule applies
 * @param threshold the amount above which approval is needed (0 when left out)
 * @param sla how long a request waits before it expires with {@code onExpiry}; null: forever
 * @param onExpiry what an expired request becomes; REJECT unless the policy says otherwise
 * @param secondApproverAbove above this amount two distinct approvers must approve; null: one
 * @param remindAfter approvers are reminded each time this passes without a decision; null: never
 * @param escalateAfter after this the request is escalated: holders of {@code escalationRole} may
 *     decide as well; null: never
 * @param escalationRole the senior group asked after escalation; {@value #DEFAULT_ESCALATION_ROLE}
 *     when escalation is set and no role is named
 */
public record ApprovalPolicy(
    String amountField,
    Double threshold,
    Duration sla,
    ExpiryOutcome onExpiry,
    Boolean onHighRisk,
    Boolean onUngrounded,
    Double secondApproverAbove,
    Duration remindAfter,
    Duration escalateAfter,
    String escalationRole) {

  public static final String DEFAULT_ESCALATION_ROLE = "senior-approver";

  /** What an expired approval request turns into; auto-approval only where a policy says so. */
  public enum ExpiryOutcome {
    REJECT,
    APPROVE
  }

  public ApprovalPolicy {
    // Boxed so that a task type may leave them out (YAML mapping refuses null for primitives).
    threshold = threshold == null ? 0.0 : threshold;
    onHighRisk = onHighRisk != null && onHighRisk;
    onUngrounded = onUngrounded != null && onUngrounded;
    onExpiry = onExpiry == null ? ExpiryOutcome.REJECT : onExpiry;
    if (escalateAfter != null && (escalationRole == null || escalationRole.isBlank())) {
      escalationRole = DEFAULT_ESCALATION_ROLE;
    }
    if (remindAfter != null && !remindAfter.isPositive()) {
      throw new IllegalArgumentException("approval.remindAfter must be positive");
    }
  }

  /** An amount rule alone, as task types wrote it before risk, grounding and SLA steps existed. */
  public ApprovalPolicy(
      String amountField, double threshold, Duration sla, ExpiryOutcome onExpiry) {
    this(amountField, threshold, sla, onExpiry, false, false, null, null, null, null);
  }

  /**
   * Why this output needs an approver; empty when it does not.
   *
   * @param risk the classify step's verdict, or null when it gave none
   * @param grounded whether the validated answer is grounded in retrieved passages
   */
  public List<String> reasonsFor(Map<String, Object> output, Risk risk, boolean grounded) {
    List<String> reasons = new ArrayList<>();
    if (amountField != null) {
      Double amount = amountIn(output);
      // An amount we cannot read is not waved through: an action of unknown size waits for a human.
      if (amount == null) {
        reasons.add("the amount at '" + amountField + "' could not be read");
      } else if (requiresApproval(amount)) {
        reasons.add("amount " + amount + " is above the threshold " + threshold);
      }
    }
    if (onHighRisk && risk == Risk.HIGH) {
      reasons.add("the task was classified high risk");
    }
    if (onUngrounded && !grounded) {
      reasons.add("the answer is not grounded in retrieved passages");
    }
    return reasons;
  }

  /**
   * How many distinct approvers must approve: two above {@code secondApproverAbove}, and also when
   * that rule is set but the amount cannot be read; otherwise one.
   */
  public int approvalsRequired(Double amount) {
    if (secondApproverAbove == null) {
      return 1;
    }
    return amount == null || amount > secondApproverAbove ? 2 : 1;
  }

  /**
   * The amount at {@code amountField} of an output, which a model may have written as a JSON number
   * or a numeric string; null when there is none to read.
   */
  public Double amountIn(Map<String, Object> output) {
    Object value = output == null || amountField == null ? null : output.get(amountField);
    double amount;
    if (value instanceof Number number) {
      amount = number.doubleValue();
    } else if (value instanceof String text) {
      try {
        amount = Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      return null;
    }
    return Double.isFinite(amount) ? amount : null;
  }

  public boolean requiresApproval(Number amount) {
    return amount != null && amount.doubleValue() > threshold;
  }
}
