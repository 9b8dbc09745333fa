package dev.steward.api.trace;

import dev.steward.api.security.StewardPrincipal;
import dev.steward.api.task.TaskIds;
import dev.steward.store.task.TaskReadModel;
import dev.steward.store.trace.PromptFeedback;
import dev.steward.store.trace.TraceDocument;
import dev.steward.store.trace.TracePage;
import dev.steward.store.trace.TraceStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The step traces of tasks, for engineers and admins of the task's tenant: one task's steps in
 * order, searches across tasks, and requester feedback per prompt version.
 */
@RestController
@Tag(name = "Traces")
class TraceController {

  private final TraceStore traces;
  private final TaskReadModel tasks;

  TraceController(TraceStore traces, TaskReadModel tasks) {
    this.traces = traces;
    this.tasks = tasks;
  }

  @GetMapping("/v1/tasks/{taskId}/trace")
  @Operation(
      summary = "A task's steps in order: prompt version, model, tokens, cost, latency, verdicts",
      description =
          "One record per step attempt (a retried step has one per attempt), each approver's"
              + " decision, and the requester's feedback. Texts are PII-redacted. Records appear"
              + " about a second after their step.")
  TaskTrace trace(
      @AuthenticationPrincipal StewardPrincipal principal, @PathVariable String taskId) {
    if (!TaskIds.belongsTo(taskId, principal.tenant())) {
      throw TaskIds.notFound(taskId);
    }
    List<TraceDocument> records = traces.taskTrace(principal.tenant(), taskId);
    if (records.isEmpty() && tasks.find(principal.tenant(), taskId).isEmpty()) {
      throw TaskIds.notFound(taskId);
    }
    return new TaskTrace(taskId, TraceView.of(records));
  }

  @GetMapping("/v1/traces")
  @Operation(
      summary = "Search the tenant's step traces, newest first",
      description =
          "Filters combine: taskType, step (e.g. ValidateOutput), prompt (id@version) or"
              + " promptId/promptVersion, model, verdict (name=value, e.g. valid=false), outcome"
              + " (ok/error), kind (step/feedback), from (inclusive) and to (exclusive) as"
              + " ISO-8601 instants or dates; page from 0, size up to 200.")
  TraceResults search(
      @AuthenticationPrincipal StewardPrincipal principal,
      @RequestParam(required = false) String taskType,
      @RequestParam(required = false) String step,
      @RequestParam(required = false) String prompt,
      @RequestParam(required = false) String promptId,
      @RequestParam(required = false) String promptVersion,
      @RequestParam(required = false) String model,
      @RequestParam(required = false) String verdict,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String page,
      @RequestParam(required = false) String size) {
    TraceSearchParameters parameters =
        new TraceSearchParameters(
            taskType,
            step,
            prompt,
            promptId,
            promptVersion,
            model,
            verdict,
            outcome,
            kind,
            from,
            to,
            page,
            size);
    TracePage found = traces.search(parameters.toQuery(principal.tenant()));
    return new TraceResults(
        found.total(), found.page(), found.size(), TraceView.of(found.records()));
  }

  @GetMapping("/v1/traces/feedback-summary")
  @Operation(
      summary = "Requester feedback per prompt version: how many ratings, and their mean (1-5)")
  FeedbackSummary feedbackSummary(
      @AuthenticationPrincipal StewardPrincipal principal,
      @RequestParam(required = false) String promptId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    List<PromptFeedback> prompts =
        traces.feedbackSummary(
            principal.tenant(),
            promptId == null || promptId.isBlank() ? null : promptId.strip(),
            TraceSearchParameters.instant("from", from, false),
            TraceSearchParameters.instant("to", to, true));
    return new FeedbackSummary(prompts);
  }

  /** A task's trace records, oldest first. */
  record TaskTrace(String taskId, List<TraceView> steps) {}

  /** One page of matching records, newest first, and how many match in all. */
  record TraceResults(long total, int page, int size, List<TraceView> records) {}

  /** Feedback counted per prompt version. */
  record FeedbackSummary(List<PromptFeedback> prompts) {}
}
