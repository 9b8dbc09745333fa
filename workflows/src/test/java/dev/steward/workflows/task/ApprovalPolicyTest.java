package dev.steward.workflows.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.task.ApprovalPolicy.ExpiryOutcome;
import dev.steward.workflows.task.ClassificationTypes.Risk;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {

  private final ApprovalPolicy refunds =
      new ApprovalPolicy(
          "refundAmount",
          100.0,
          Duration.ofHours(24),
          null,
          true,
          true,
          1000.0,
          Duration.ofHours(4),
          Duration.ofHours(12),
          null);

  @Test
  void expiryRejectsUnlessThePolicySaysOtherwise() {
    assertThat(refunds.onExpiry()).isEqualTo(ExpiryOutcome.REJECT);
  }

  @Test
  void escalationDefaultsToTheSeniorApproverRole() {
    assertThat(refunds.escalationRole()).isEqualTo("senior-approver");
  }

  @Test
  void eachRuleGivesItsReason() {
    assertThat(refunds.reasonsFor(Map.of("refundAmount", 50), Risk.LOW, true)).isEmpty();
    assertThat(refunds.reasonsFor(Map.of("refundAmount", 150), Risk.HIGH, false))
        .containsExactly(
            "amount 150.0 is above the threshold 100.0",
            "the task was classified high risk",
            "the answer is not grounded in retrieved passages");
    assertThat(refunds.reasonsFor(Map.of(), null, true))
        .containsExactly("the amount at 'refundAmount' could not be read");
  }

  @Test
  void twoApproversAboveTheSecondThresholdOrForAnUnreadableAmount() {
    assertThat(refunds.approvalsRequired(1000.0)).isEqualTo(1);
    assertThat(refunds.approvalsRequired(1000.01)).isEqualTo(2);
    assertThat(refunds.approvalsRequired(null)).isEqualTo(2);
    assertThat(new ApprovalPolicy("refundAmount", 100, null, null).approvalsRequired(5000.0))
        .isEqualTo(1);
  }
}
