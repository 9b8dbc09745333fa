package dev.steward.api.feedback;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemDetails;
import dev.steward.api.problem.ProblemException;
import dev.steward.api.security.StewardPrincipal;
import dev.steward.api.task.TaskIds;
import dev.steward.store.trace.TraceDocument;
import dev.steward.store.trace.TraceStore;
import dev.steward.store.trace.TraceTextRedactor;
import dev.steward.workflows.task.TaskState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The requester's rating of a finished task, stored with the task's trace under the prompt version
 * that produced it, so that feedback can be counted per prompt version. Giving feedback again
 * replaces the earlier one.
 */
@RestController
@Tag(name = "Traces")
class FeedbackController {

  static final int MAX_COMMENT = 2000;

  /** The problem type of feedback on a task still running; the client may retry once it ends. */
  static final URI TASK_NOT_FINISHED = URI.create(Problem.TYPE_BASE + "task-not-finished");

  /** The problem type when this process cannot redact comments (see the README). */
  static final URI REDACTION_UNAVAILABLE = URI.create(Problem.TYPE_BASE + "redaction-unavailable");

  private final FinishedTasks tasks;
  private final TraceStore traces;
  private final ObjectProvider<TraceTextRedactor> redactor;
  private final Clock clock;

  FeedbackController(
      FinishedTasks tasks, TraceStore traces, ObjectProvider<TraceTextRedactor> redactor) {
    this.tasks = tasks;
    this.traces = traces;
    this.redactor = redactor;
    this.clock = Clock.systemUTC();
  }

  @PostMapping("/v1/tasks/{taskId}/feedback")
  @Operation(
      summary = "Rate a finished task (1-5) with an optional comment",
      description =
          "Only the requester who started the task, once it has finished (409 before). The"
              + " comment is PII-redacted before it is stored. Posting again replaces the earlier"
              + " feedback.")
  FeedbackReceipt give(
      @AuthenticationPrincipal StewardPrincipal principal,
      @PathVariable String taskId,
      @RequestBody FeedbackBody body,
      HttpServletRequest request) {
    if (!TaskIds.belongsTo(taskId, principal.tenant())) {
      throw TaskIds.notFound(taskId);
    }
    int rating = checkRating(body.rating());
    String comment = checkComment(body.comment());
    TaskState task = tasks.find(principal.tenant(), taskId);
    if (!principal.name().equals(task.requestedBy())) {
      throw new ProblemException(
          Problem.FORBIDDEN, "Only the requester who started the task may give feedback on it.");
    }
    if (!task.status().isFinal()) {
      ProblemDetail problem =
          ProblemDetails.of(
              Problem.TASK_FINISHED,
              "The task is " + task.status() + "; feedback is taken once it has finished.",
              request.getRequestURI());
      problem.setType(TASK_NOT_FINISHED);
      problem.setTitle("Task not finished");
      throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
    String redacted = comment == null ? null : redact(comment, request);
    Instant now = clock.instant();
    TraceDocument feedback = feedbackRecord(task, rating, redacted, now);
    traces.saveFeedback(feedback, Instant.ofEpochMilli(task.startedAtMillis()));
    return new FeedbackReceipt(
        taskId, rating, redacted, feedback.promptId(), feedback.promptVersion(), now);
  }

  private String redact(String comment, HttpServletRequest request) {
    TraceTextRedactor available = redactor.getIfAvailable();
    if (available == null) {
      ProblemDetail problem =
          ProblemDetails.of(
              Problem.STORE_UNAVAILABLE,
              "This API process has no PII redaction, so it cannot store comments; send the"
                  + " rating alone.",
              request.getRequestURI());
      problem.setType(REDACTION_UNAVAILABLE);
      problem.setTitle("Redaction unavailable");
      throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
    }
    return available.redact(comment);
  }

  static TraceDocument feedbackRecord(TaskState task, int rating, String comment, Instant at) {
    return new TraceDocument(
        TraceStore.feedbackId(task.taskId()),
        TraceDocument.FEEDBACK,
        task.taskId(),
        null,
        task.tenant(),
        task.taskType(),
        TraceDocument.FEEDBACK,
        0,
        null,
        task.prompt() == null ? null : task.prompt().id(),
        task.prompt() == null ? null : task.prompt().version(),
        task.prompt() == null ? null : task.prompt().label(),
        null,
        null,
        0,
        0,
        0,
        0,
        Map.of("rating", Integer.toString(rating)),
        List.of("rating=" + rating),
        "OK",
        null,
        rating,
        comment,
        at);
  }

  private static int checkRating(Integer rating) {
    if (rating == null || rating < 1 || rating > 5) {
      throw new ProblemException(
          Problem.INVALID_REQUEST,
          "'rating' must be a whole number from 1 (poor) to 5 (excellent); got " + rating + ".",
          Map.of("errors", List.of("rating: must be between 1 and 5")));
    }
    return rating;
  }

  private static String checkComment(String comment) {
    if (comment == null || comment.isBlank()) {
      return null;
    }
    if (comment.length() > MAX_COMMENT) {
      throw new ProblemException(
          Problem.INVALID_REQUEST,
          "'comment' must be at most "
              + MAX_COMMENT
              + " characters; it has "
              + comment.length()
              + ".",
          Map.of("errors", List.of("comment: at most " + MAX_COMMENT + " characters")));
    }
    return comment.strip();
  }
}
