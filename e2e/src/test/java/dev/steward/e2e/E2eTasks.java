package dev.steward.e2e;

import java.util.Map;

/**
 * Starts the suite's tasks. Each carries its tag (the idempotency key, so the task id is {@code
 * acme.<tag>}) in its input, where the model provider reads it to count calls per task.
 */
final class E2eTasks {

  static final String SUPPORT = "support-answer";
  static final String REFUND = "refund-decision";

  /** Refunds above this wait for an approver (refund-decision's approval threshold). */
  static final double APPROVAL_THRESHOLD = 100;

  private static final String[] QUESTIONS = {
    "How many days do I have to return an item?",
    "How long does standard shipping take?",
    "Does every order come with a tracking number?"
  };

  private final StewardApi api;
  private final CountingModelProvider provider;

  E2eTasks(StewardApi api, CountingModelProvider provider) {
    this.api = api;
    this.provider = provider;
  }

  /** A support question; {@code tag} must match {@code E2E-[a-z]+(-[a-z]+)*}. */
  String support(String tag, int variant) {
    String question = QUESTIONS[Math.floorMod(variant, QUESTIONS.length)] + " (ticket " + tag + ")";
    return api.startTask(SUPPORT, Map.of("question", question), tag);
  }

  /** A refund of a damaged item; above {@link #APPROVAL_THRESHOLD} it waits for an approver. */
  String refund(String tag, double amount) {
    provider.refund(tag, amount);
    return api.startTask(
        REFUND,
        Map.of(
            "orderId",
            tag,
            "orderTotal",
            amount,
            "requestedAmount",
            amount,
            "reason",
            "The kettle arrived with a cracked lid",
            "daysSinceDelivery",
            3,
            "itemCondition",
            "damaged"),
        tag);
  }

  /** The tag of a task id {@code acme.<tag>}. */
  static String tag(String taskId) {
    return taskId.substring(taskId.indexOf('.') + 1);
  }

  /** Letters only, so that no screening rule mistakes a counter in a tag for a phone number. */
  static String letters(int n) {
    StringBuilder s = new StringBuilder();
    do {
      s.insert(0, (char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return s.toString();
  }
}
