package dev.steward.api.evaluation;

import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Reads a task's input as its screening step handed it to models: the result of the {@code
 * ScreenInput} activity in the run's history, decoded with the client's data converter (which
 * decrypts when payload encryption is on). Runs since version 1 of the workflow's {@code
 * local-checks} change screen in a local activity, whose result is in a {@code LocalActivity}
 * marker; older runs in an activity-completed event. The workflow's start input, which holds the
 * raw personal data, is never decoded.
 */
@Component
class ScreenedInputs {

  /** Temporal's name of {@code ScreeningActivities.screenInput}. */
  static final String SCREEN_ACTIVITY = "ScreenInput";

  /** The Java SDK's marker for a local activity's result, and its detail keys. */
  private static final String LOCAL_ACTIVITY_MARKER = "LocalActivity";

  private static final String MARKER_TYPE = "type";
  private static final String MARKER_RESULT = "result";

  private final WorkflowClient workflows;

  ScreenedInputs(WorkflowClient workflows) {
    this.workflows = workflows;
  }

  /**
   * The screening verdict of the task's latest run; empty when the run never finished screening.
   * Screening is the run's first step, so only the first page or so of history is read.
   */
  Optional<ScreenVerdict> verdictOf(String taskId) {
    try (Stream<HistoryEvent> events = workflows.streamHistory(taskId)) {
      return verdictIn(events.iterator(), workflows.getOptions().getDataConverter());
    }
  }

  /** The screening verdict among {@code events}, read up to the first one found. */
  static Optional<ScreenVerdict> verdictIn(Iterator<HistoryEvent> it, DataConverter converter) {
    long scheduledEventId = -1;
    while (it.hasNext()) {
      HistoryEvent event = it.next();
      if (isLocalScreening(event, converter)) {
        Payloads result =
            event.getMarkerRecordedEventAttributes().getDetailsOrDefault(MARKER_RESULT, null);
        return Optional.ofNullable(result)
            .map(r ->
                converter.fromPayloads(
                    0, Optional.of(r), ScreenVerdict.class, ScreenVerdict.class));
      }
      if (event.hasActivityTaskScheduledEventAttributes()
          && SCREEN_ACTIVITY.equals(
              event.getActivityTaskScheduledEventAttributes().getActivityType().getName())) {
        scheduledEventId = event.getEventId();
      } else if (event.hasActivityTaskCompletedEventAttributes()
          && event.getActivityTaskCompletedEventAttributes().getScheduledEventId()
              == scheduledEventId) {
        ActivityTaskCompletedEventAttributes completed =
            event.getActivityTaskCompletedEventAttributes();
        Optional<Payloads> result =
            completed.hasResult() ? Optional.of(completed.getResult()) : Optional.empty();
        return Optional.ofNullable(
            converter.fromPayloads(0, result, ScreenVerdict.class, ScreenVerdict.class));
      }
    }
    return Optional.empty();
  }

  private static boolean isLocalScreening(HistoryEvent event, DataConverter converter) {
    if (!event.hasMarkerRecordedEventAttributes()
        || !LOCAL_ACTIVITY_MARKER.equals(
            event.getMarkerRecordedEventAttributes().getMarkerName())) {
      return false;
    }
    Payloads type = event.getMarkerRecordedEventAttributes().getDetailsOrDefault(MARKER_TYPE, null);
    return type != null
        && SCREEN_ACTIVITY.equals(
            converter.fromPayloads(0, Optional.of(type), String.class, String.class));
  }
}
