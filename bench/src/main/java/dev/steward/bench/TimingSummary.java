package dev.steward.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Medians over the histories of one benchmark variant. */
record TimingSummary(
    double events,
    double workflowTasks,
    double workflowTaskRunMs,
    double endToEndMs,
    double idleMs,
    double sequentialSteps,
    double asyncActivities,
    double localActivities,
    double upserts,
    double overheadPerStepMs,
    double turnaroundPerStepMs,
    Map<String, ActivityStats> activities) {

  /** Per activity type: how many a run has on average, and the medians of its three phases. */
  record ActivityStats(double perRun, double queueMs, double runMs, double reactMs) {}

  static TimingSummary of(List<RunTimings> runs) {
    Map<String, List<RunTimings.Activity>> byType = new LinkedHashMap<>();
    for (RunTimings r : runs) {
      for (RunTimings.Activity a : r.activities()) {
        byType.computeIfAbsent(a.type(), t -> new java.util.ArrayList<>()).add(a);
      }
    }
    Map<String, ActivityStats> activities = new LinkedHashMap<>();
    byType.forEach((type, list) ->
        activities.put(
            type,
            new ActivityStats(
                (double) list.size() / runs.size(),
                median(list, RunTimings.Activity::queueMs),
                median(list, RunTimings.Activity::runMs),
                median(list, RunTimings.Activity::reactMs))));
    return new TimingSummary(
        median(runs, RunTimings::events),
        median(runs, RunTimings::workflowTasks),
        median(runs, RunTimings::workflowTaskRunMs),
        median(runs, RunTimings::endToEndMs),
        median(runs, RunTimings::idleMs),
        median(runs, RunTimings::sequentialSteps),
        median(runs, RunTimings::asyncActivities),
        median(runs, RunTimings::localActivities),
        median(runs, RunTimings::upserts),
        median(runs, RunTimings::overheadPerStepMs),
        median(runs, RunTimings::turnaroundPerStepMs),
        activities);
  }

  private static <T> double median(List<T> items, ToDoubleFunction<T> value) {
    return BenchReport.percentile(
        items.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().boxed().toList(),
        0.5);
  }
}
