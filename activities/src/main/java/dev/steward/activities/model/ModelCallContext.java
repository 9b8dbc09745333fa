package dev.steward.activities.model;

/**
 * Who a model call is for, which routes it and tags its metrics.
 *
 * @param step the routing step: {@code classify} or {@code reason}
 * @param tier the tier asked for ({@code small}, {@code strong})
 */
public record ModelCallContext(String tenant, String taskType, String step, String tier) {

  public static final String CLASSIFY = "classify";
  public static final String REASON = "reason";
}
