package dev.steward.workflows.task;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/** Custom search attributes that let engineers find tasks in the Temporal UI and CLI. */
public final class StewardSearchAttributes {

  public static final SearchAttributeKey<String> TASK_TYPE =
      SearchAttributeKey.forKeyword("StewardTaskType");
  public static final SearchAttributeKey<String> TENANT =
      SearchAttributeKey.forKeyword("StewardTenant");
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("StewardStatus");
  public static final SearchAttributeKey<String> MODEL =
      SearchAttributeKey.forKeyword("StewardModel");
  public static final SearchAttributeKey<Double> COST_USD =
      SearchAttributeKey.forDouble("StewardCostUsd");

  /** The step the task is on, as {@link TaskStep} names it. */
  public static final SearchAttributeKey<String> STEP =
      SearchAttributeKey.forKeyword("StewardStep");

  /** True while an approval request is open. */
  public static final SearchAttributeKey<Boolean> AWAITING_APPROVAL =
      SearchAttributeKey.forBoolean("StewardAwaitingApproval");

  /** The pinned prompt version, e.g. {@code support-answer@2}. */
  public static final SearchAttributeKey<String> PROMPT =
      SearchAttributeKey.forKeyword("StewardPrompt");

  public static final List<SearchAttributeKey<?>> ALL =
      List.of(TASK_TYPE, TENANT, STATUS, STEP, MODEL, PROMPT, COST_USD, AWAITING_APPROVAL);

  private StewardSearchAttributes() {}
}
