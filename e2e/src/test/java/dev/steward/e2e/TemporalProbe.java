package dev.steward.e2e;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Temporal server itself says about a task: its history (attempts, who ran them, when),
 * who polls the task queue, and counts from visibility. Reads event metadata only, so it needs no
 * payload key: Steward's payloads are encrypted.
 */
final class TemporalProbe implements AutoCloseable {

  static final String NAMESPACE = "default";
  static final String TASK_QUEUE = "steward-tasks";

  private final WorkflowServiceStubs service;

  /** Decrypts the one payload the probe reads: the activity type in a local activity's marker. */
  private final PayloadCodec codec;

  TemporalProbe(String target, PayloadCodec codec) {
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    this.codec = codec;
  }

  /** The whole history of the workflow's latest run. */
  List<HistoryEvent> history(String workflowId) {
    List<HistoryEvent> events = new ArrayList<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse response =
          service
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(NAMESPACE)
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .setNextPageToken(page)
                      .build());
      events.addAll(response.getHistory().getEventsList());
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return events;
  }

  /**
   * Whether the worker in process {@code pid} polls the task queue for workflows and activities.
   */
  boolean polledBy(long pid) {
    return pollers(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW).stream()
            .anyMatch(p -> p.getIdentity().startsWith(pid + "@"))
        && pollers(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY).stream()
            .anyMatch(p -> p.getIdentity().startsWith(pid + "@"));
  }

  private List<PollerInfo> pollers(TaskQueueType type) {
    return service
        .blockingStub()
        .describeTaskQueue(
            DescribeTaskQueueRequest.newBuilder()
                .setNamespace(NAMESPACE)
                .setTaskQueue(TaskQueue.newBuilder().setName(TASK_QUEUE))
                .setTaskQueueType(type)
                .build())
        .getPollersList();
  }

  /** How many workflows visibility finds for a query such as {@code ExecutionStatus="Running"}. */
  long count(String query) {
    return service
        .blockingStub()
        .countWorkflowExecutions(
            CountWorkflowExecutionsRequest.newBuilder()
                .setNamespace(NAMESPACE)
                .setQuery(query)
                .build())
        .getCount();
  }

  /**
   * How a task's workflow stands: Temporal's execution status and Steward's own task status, the
   * {@code StewardStatus} search attribute (search attributes are not encrypted).
   */
  record Outcome(WorkflowExecutionStatus execution, String taskStatus) {

    boolean completed() {
      return execution == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
          && "COMPLETED".equals(taskStatus);
    }
  }

  Outcome outcome(String workflowId) {
    var info =
        service
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build())
            .getWorkflowExecutionInfo();
    Payload status = info.getSearchAttributes().getIndexedFieldsMap().get("StewardStatus");
    String taskStatus =
        status == null ? null : status.getData().toStringUtf8().replace("\"", "").strip();
    return new Outcome(info.getStatus(), taskStatus);
  }

  /**
   * How one activity of a history ended: its last attempt, who ran it, when it completed, and when
   * the workflow task that took its result in started (a delay there is a sticky-queue timeout).
   */
  record ActivityRun(
      String activityType,
      int attempt,
      String identity,
      String lastFailure,
      Instant completedAt,
      Instant nextWorkflowTaskAt) {}

  /** The first activity of {@code activityType} in the history, if it was scheduled. */
  static Optional<ActivityRun> activity(List<HistoryEvent> events, String activityType) {
    long scheduledId = -1;
    int attempt = 0;
    String identity = null;
    String lastFailure = "";
    for (HistoryEvent e : events) {
      if (scheduledId < 0
          && e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
          && e.getActivityTaskScheduledEventAttributes()
              .getActivityType()
              .getName()
              .equals(activityType)) {
        scheduledId = e.getEventId();
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
          && e.getActivityTaskStartedEventAttributes().getScheduledEventId() == scheduledId) {
        var started = e.getActivityTaskStartedEventAttributes();
        attempt = started.getAttempt();
        identity = started.getIdentity();
        lastFailure = started.hasLastFailure() ? started.getLastFailure().getMessage() : "";
      } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
          && e.getActivityTaskCompletedEventAttributes().getScheduledEventId() == scheduledId) {
        Instant completed = time(e.getEventTime());
        Instant next =
            events.stream()
                .filter(n -> n.getEventId() > e.getEventId())
                .filter(n -> n.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)
                .map(n -> time(n.getEventTime()))
                .findFirst()
                .orElse(null);
        return Optional.of(
            new ActivityRun(activityType, attempt, identity, lastFailure, completed, next));
      }
    }
    return scheduledId < 0
        ? Optional.empty()
        : Optional.of(new ActivityRun(activityType, attempt, identity, lastFailure, null, null));
  }

  /**
   * How a local activity ended: its attempt on the worker that completed it, the identity of that
   * worker, when its result was recorded (the marker), and how many workflow tasks timed out before
   * (a worker that died running it).
   */
  record LocalRun(
      String activityType,
      int attempt,
      String identity,
      Instant completedAt,
      int workflowTaskTimeoutsBefore) {}

  /** The first local activity of {@code activityType} whose result the history recorded. */
  Optional<LocalRun> localActivity(List<HistoryEvent> events, String activityType) {
    for (HistoryEvent e : events) {
      if (e.getEventType() != EventType.EVENT_TYPE_MARKER_RECORDED
          || !e.getMarkerRecordedEventAttributes().getMarkerName().equals(LOCAL_ACTIVITY_MARKER)) {
        continue;
      }
      var details = e.getMarkerRecordedEventAttributes().getDetailsMap();
      if (!activityType.equals(decodeString(details.get("type").getPayloads(0)))) {
        continue;
      }
      String meta = decodeString(details.get("meta").getPayloads(0));
      Matcher attempt = ATTEMPT.matcher(meta);
      long completedTaskId = e.getMarkerRecordedEventAttributes().getWorkflowTaskCompletedEventId();
      String identity =
          events.stream()
              .filter(n -> n.getEventId() == completedTaskId)
              .map(n -> n.getWorkflowTaskCompletedEventAttributes().getIdentity())
              .findFirst()
              .orElse(null);
      int timeouts =
          (int)
              events.stream()
                  .filter(n -> n.getEventId() < e.getEventId())
                  .filter(n -> n.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)
                  .count();
      return Optional.of(
          new LocalRun(
              activityType,
              attempt.find() ? Integer.parseInt(attempt.group(1)) : 0,
              identity,
              time(e.getEventTime()),
              timeouts));
    }
    return Optional.empty();
  }

  private static final String LOCAL_ACTIVITY_MARKER = "LocalActivity";
  private static final Pattern ATTEMPT = Pattern.compile("\"atpt\":(\\d+)");

  /** A JSON string or object payload as text, decrypted when the workers encrypted it. */
  private String decodeString(Payload payload) {
    Payload plain = codec.decode(List.of(payload)).get(0);
    String json = plain.getData().toStringUtf8();
    return json.startsWith("\"") ? json.substring(1, json.length() - 1) : json;
  }

  /** The history as one line per event, activity names and attempts included: for failures. */
  static String summary(List<HistoryEvent> events) {
    StringBuilder out = new StringBuilder();
    for (HistoryEvent e : events) {
      out.append(e.getEventId())
          .append(' ')
          .append(e.getEventType().name().replace("EVENT_TYPE_", ""));
      if (e.hasActivityTaskScheduledEventAttributes()) {
        out.append(' ')
            .append(e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (e.hasActivityTaskStartedEventAttributes()) {
        out.append(" attempt ").append(e.getActivityTaskStartedEventAttributes().getAttempt());
      } else if (e.hasActivityTaskFailedEventAttributes()) {
        out.append(' ').append(e.getActivityTaskFailedEventAttributes().getFailure().getMessage());
      } else if (e.hasActivityTaskTimedOutEventAttributes()) {
        out.append(' ')
            .append(e.getActivityTaskTimedOutEventAttributes().getFailure().getMessage());
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Workflow tasks that timed out: after a kill, those sent to the dead worker's sticky queue. */
  static List<HistoryEvent> workflowTaskTimeouts(List<HistoryEvent> events) {
    return events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)
        .toList();
  }

  static Instant time(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  @Override
  public void close() {
    service.shutdownNow();
  }
}
