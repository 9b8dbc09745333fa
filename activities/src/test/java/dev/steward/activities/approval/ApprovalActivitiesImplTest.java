package dev.steward.activities.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.workflows.task.ApprovalNotice;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalActivitiesImplTest {

  private final ApprovalActivitiesImpl notifier = new ApprovalActivitiesImpl();

  @Test
  void countsEachNoticeSent() {
    notifier.notifyApprovers(notice(ApprovalNotice.Kind.REMINDER));
    notifier.notifyApprovers(notice(ApprovalNotice.Kind.ESCALATION));

    assertThat(notifier.sent()).isEqualTo(2);
  }

  @Test
  void refusesANoticeWithoutRecipients() {
    assertThatThrownBy(() ->
            notifier.notifyApprovers(
                new ApprovalNotice(
                    "acme.t1",
                    "acme",
                    "refund-decision",
                    ApprovalNotice.Kind.REMINDER,
                    null,
                    "issue-refund",
                    "ab",
                    0L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(notifier.sent()).isZero();
  }

  private static ApprovalNotice notice(ApprovalNotice.Kind kind) {
    return new ApprovalNotice(
        "acme.t1",
        "acme",
        "refund-decision",
        kind,
        List.of("approver"),
        "issue-refund",
        "a".repeat(64),
        1_000L);
  }
}
