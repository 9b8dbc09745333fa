package dev.steward.workflows.task;

/**
 * Who decided what on which action, and when; kept in history and in the task result.
 *
 * @param actionKind the kind of the action decided on (an action kind, or the budget overrun)
 * @param actionHash the hash of the exact action decided on
 */
public record DecisionRecord(
    String decidedBy,
    DecisionRequest.Verdict verdict,
    String comment,
    long decidedAtMillis,
    String actionKind,
    String actionHash) {

  /** The name a decision made by the policy itself (on expiry) is recorded under. */
  public static final String EXPIRY = "policy:expiry";

  /** The record of an approval request that expired under its policy. */
  public static DecisionRecord expired(
      DecisionRequest.Verdict outcome, long atMillis, String actionKind, String actionHash) {
    return new DecisionRecord(
        EXPIRY, outcome, "approval SLA expired", atMillis, actionKind, actionHash);
  }
}
