package dev.steward.workflows.task;

/** Who decided what, and when; kept in history and in the task result. */
public record DecisionRecord(
    String decidedBy, DecisionRequest.Verdict verdict, String comment, long decidedAtMillis) {

  /** The record of an approval request that expired under its policy. */
  public static DecisionRecord expired(DecisionRequest.Verdict outcome, long atMillis) {
    return new DecisionRecord("policy:expiry", outcome, "approval SLA expired", atMillis);
  }
}
