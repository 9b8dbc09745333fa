package dev.steward.workflows.task;

import java.time.Duration;

/**
 * When a proposed action waits for an approver: the number at {@code amountField} of the validated
 * output exceeds {@code threshold}. After {@code sla} without a decision the request expires with
 * {@code onExpiry}.
 */
public record ApprovalPolicy(
    String amountField, double threshold, Duration sla, ExpiryOutcome onExpiry) {

  /** What an expired approval request turns into; auto-approval only where a policy says so. */
  public enum ExpiryOutcome {
    REJECT,
    APPROVE
  }

  public boolean requiresApproval(Number amount) {
    return amount != null && amount.doubleValue() > threshold;
  }
}
