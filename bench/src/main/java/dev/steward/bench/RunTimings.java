package dev.steward.bench;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where one workflow run's time went, read from the event times of its history (stamped by the
 * server, so client and worker clocks play no part).
 *
 * @param events events in the history
 * @param workflowTasks workflow tasks completed
 * @param workflowTaskQueueMs sum over workflow tasks of scheduled → started
 * @param workflowTaskRunMs sum over workflow tasks of started → completed (the worker's own
 *     processing, local activities included)
 * @param endToEndMs execution started → completed
 * @param idleMs the part of {@code endToEndMs} during which no activity was running: queueing,
 *     workflow tasks and round trips, i.e. what orchestration adds to the steps' own work
 * @param sequentialSteps steps the workflow waited for one after the other: activities other than
 *     the asynchronous ones, plus local activities
 * @param asyncActivities activities of the asynchronous types
 * @param localActivities local activities (markers in the history)
 * @param upserts search-attribute upserts
 * @param activities every activity of the run
 */
record RunTimings(
    int events,
    int workflowTasks,
    double workflowTaskQueueMs,
    double workflowTaskRunMs,
    double endToEndMs,
    double idleMs,
    int sequentialSteps,
    int asyncActivities,
    int localActivities,
    int upserts,
    List<Activity> activities) {

  /**
   * One activity: scheduled → started (until a poller took it: the server records the start when it
   * hands the task out), started → completed (the task's way to the worker, its run, and the
   * completion call), and completed → the end of the workflow task that took its result (the
   * workflow reacting).
   *
   * @param async whether the workflow ran it beside its steps rather than waiting for it
   */
  record Activity(String type, boolean async, double queueMs, double runMs, double reactMs) {}

  /**
   * What Temporal adds around each step the workflow waited for, whatever the step's own work:
   * scheduled → started plus completed → the workflow task that took the result; NaN when the run
   * had no such activity.
   */
  double turnaroundPerStepMs() {
    return activities.stream()
        .filter(a -> !a.async())
        .mapToDouble(a -> a.queueMs() + a.reactMs())
        .average()
        .orElse(Double.NaN);
  }

  /** Orchestration time per step the workflow waited for. */
  double overheadPerStepMs() {
    return idleMs / Math.max(1, sequentialSteps);
  }

  private static final String LOCAL_ACTIVITY_MARKER = "LocalActivity";

  /**
   * Reads a history. {@code asyncTypes} name the activity types the workflow runs beside its steps
   * rather than waiting for each (the read-model writes).
   */
  static RunTimings of(List<HistoryEvent> history, Set<String> asyncTypes) {
    Map<Long, HistoryEvent> activityStarted = new HashMap<>();
    Map<Long, HistoryEvent> activityClosed = new HashMap<>();
    Map<Long, HistoryEvent> taskStartedBySchedule = new HashMap<>();
    Map<Long, HistoryEvent> taskCompletedByStart = new HashMap<>();
    List<HistoryEvent> taskStarts = new ArrayList<>();
    long workflowStart = 0;
    long workflowEnd = 0;
    int localActivities = 0;
    int upserts = 0;
    for (HistoryEvent e : history) {
      switch (e.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> workflowStart = micros(e.getEventTime());
        case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
            EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
            EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
            EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
            EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
            workflowEnd = micros(e.getEventTime());
        case EVENT_TYPE_WORKFLOW_TASK_STARTED -> {
          taskStartedBySchedule.put(
              e.getWorkflowTaskStartedEventAttributes().getScheduledEventId(), e);
          taskStarts.add(e);
        }
        case EVENT_TYPE_WORKFLOW_TASK_COMPLETED ->
            taskCompletedByStart.put(
                e.getWorkflowTaskCompletedEventAttributes().getStartedEventId(), e);
        case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
            activityStarted.put(e.getActivityTaskStartedEventAttributes().getScheduledEventId(), e);
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
            activityClosed.put(
                e.getActivityTaskCompletedEventAttributes().getScheduledEventId(), e);
        case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
            activityClosed.put(e.getActivityTaskFailedEventAttributes().getScheduledEventId(), e);
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
            activityClosed.put(e.getActivityTaskTimedOutEventAttributes().getScheduledEventId(), e);
        case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> upserts++;
        case EVENT_TYPE_MARKER_RECORDED -> {
          if (LOCAL_ACTIVITY_MARKER.equals(e.getMarkerRecordedEventAttributes().getMarkerName())) {
            localActivities++;
          }
        }
        default -> {}
      }
    }

    double queue = 0;
    double run = 0;
    int completedTasks = 0;
    for (HistoryEvent e : history) {
      if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) {
        HistoryEvent started = taskStartedBySchedule.get(e.getEventId());
        HistoryEvent completed =
            started == null ? null : taskCompletedByStart.get(started.getEventId());
        if (completed != null) {
          queue += millisBetween(e, started);
          run += millisBetween(started, completed);
          completedTasks++;
        }
      }
    }

    List<Activity> activities = new ArrayList<>();
    List<long[]> runs = new ArrayList<>();
    int sequential = localActivities;
    int async = 0;
    for (HistoryEvent e : history) {
      if (e.getEventType() != EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        continue;
      }
      String type = e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
      HistoryEvent started = activityStarted.get(e.getEventId());
      HistoryEvent closed = activityClosed.get(e.getEventId());
      if (started == null || closed == null) {
        continue;
      }
      HistoryEvent reacted = firstTaskCompletedAfter(closed, taskStarts, taskCompletedByStart);
      activities.add(
          new Activity(
              type,
              asyncTypes.contains(type),
              millisBetween(e, started),
              millisBetween(started, closed),
              reacted == null ? Double.NaN : millisBetween(closed, reacted)));
      runs.add(new long[] {micros(started.getEventTime()), micros(closed.getEventTime())});
      if (asyncTypes.contains(type)) {
        async++;
      } else {
        sequential++;
      }
    }
    double endToEnd = (workflowEnd - workflowStart) / 1000.0;
    return new RunTimings(
        history.size(),
        completedTasks,
        queue,
        run,
        endToEnd,
        endToEnd - unionMicros(runs) / 1000.0,
        sequential,
        async,
        localActivities,
        upserts,
        activities);
  }

  /** The workflow task that first saw the activity's result: the first one started after it. */
  private static HistoryEvent firstTaskCompletedAfter(
      HistoryEvent closed,
      List<HistoryEvent> taskStarts,
      Map<Long, HistoryEvent> completedByStart) {
    for (HistoryEvent start : taskStarts) {
      if (start.getEventId() > closed.getEventId()) {
        return completedByStart.get(start.getEventId());
      }
    }
    return null;
  }

  /** Total length of the union of the intervals, so that overlapping activities count once. */
  private static long unionMicros(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(i -> i[0]));
    long total = 0;
    long end = Long.MIN_VALUE;
    for (long[] i : sorted) {
      long from = Math.max(i[0], end);
      if (i[1] > from) {
        total += i[1] - from;
      }
      end = Math.max(end, i[1]);
    }
    return total;
  }

  private static double millisBetween(HistoryEvent from, HistoryEvent to) {
    return (micros(to.getEventTime()) - micros(from.getEventTime())) / 1000.0;
  }

  private static long micros(Timestamp t) {
    return t.getSeconds() * 1_000_000L + t.getNanos() / 1000;
  }
}
