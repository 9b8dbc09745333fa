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

  public static final List<SearchAttributeKey<?>> ALL =
      List.of(TASK_TYPE, TENANT, STATUS, MODEL, COST_USD);

  private StewardSearchAttributes() {}
}
