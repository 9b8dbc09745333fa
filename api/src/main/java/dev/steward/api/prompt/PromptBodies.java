package dev.steward.api.prompt;

/** What admins send to change prompts. */
final class PromptBodies {

  private PromptBodies() {}

  /**
   * A new version of a prompt.
   *
   * @param system the system message template
   * @param user the user message template; {@code {{variable}}} names an input field or {@code
   *     passages}
   * @param note why this version exists, for the changelog
   */
  record NewVersion(String system, String user, String note) {}

  /**
   * Where a label should point.
   *
   * @param version an existing version of the prompt
   * @param percent for the {@code canary} label only: the share of new tasks it takes, 0 to 100
   *     (kept from its last move when absent)
   * @param baseLabel for the {@code canary} label only: the label the other tasks get ({@code
   *     production} when absent)
   * @param note why the label moves, kept in its history
   */
  record LabelMove(Integer version, Integer percent, String baseLabel, String note) {}
}
