package dev.steward.workflows.task;

import java.time.Duration;
import java.util.Map;

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

  /**
   * The amount at {@code amountField} of an output, which a model may have written as a JSON number
   * or a numeric string; null when there is none to read.
   */
  public Double amountIn(Map<String, Object> output) {
    Object value = output == null ? null : output.get(amountField);
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
