package dev.steward.api.task;

import dev.steward.api.security.StewardPrincipal;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.workflows.task.TaskState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Starting, reading, listing and cancelling tasks. */
@RestController
@RequestMapping("/v1/tasks")
@Tag(name = "Tasks")
class TaskController {

  private static final TypeReference<Map<String, Object>> INPUT_MAP = new TypeReference<>() {};

  private final TaskInputCheck inputCheck;
  private final TaskLauncher launcher;
  private final TaskQueries queries;
  private final TaskCancellation cancellation;
  private final JsonMapper json;

  TaskController(
      TaskInputCheck inputCheck,
      TaskLauncher launcher,
      TaskQueries queries,
      TaskCancellation cancellation,
      JsonMapper json) {
    this.inputCheck = inputCheck;
    this.launcher = launcher;
    this.queries = queries;
    this.cancellation = cancellation;
    this.json = json;
  }

  static String location(String taskId) {
    return "/v1/tasks/" + taskId;
  }

  @PostMapping
  @Operation(
      summary = "Start a task",
      description =
          "Validates the input against the task type, then starts its workflow. With an"
              + " Idempotency-Key, a retried request returns the same task.")
  ResponseEntity<TaskAccepted> start(
      @AuthenticationPrincipal StewardPrincipal principal,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @Valid @RequestBody StartTaskBody body) {
    String taskId = TaskIds.newId(principal.tenant(), idempotencyKey);
    TaskTypeDefinition type = inputCheck.check(body.type(), body.input());
    Map<String, Object> input = json.convertValue(body.input(), INPUT_MAP);
    TaskAccepted accepted = launcher.start(principal, taskId, type, input);
    return ResponseEntity.accepted().location(URI.create(location(taskId))).body(accepted);
  }

  @GetMapping("/{taskId}")
  @Operation(summary = "A task's live state: step, usage, pending approval, result")
  TaskState get(@AuthenticationPrincipal StewardPrincipal principal, @PathVariable String taskId) {
    return queries.state(principal, taskId);
  }

  @GetMapping
  @Operation(summary = "The tenant's tasks, newest first")
  TaskList list(
      @AuthenticationPrincipal StewardPrincipal principal,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String type,
      @RequestParam(defaultValue = "50") int limit) {
    return new TaskList(queries.list(principal.tenant(), status, type, limit));
  }

  @PostMapping("/{taskId}/cancel")
  @Operation(summary = "Cancel a running task")
  ResponseEntity<TaskAccepted> cancel(
      @AuthenticationPrincipal StewardPrincipal principal, @PathVariable String taskId) {
    cancellation.cancel(principal, taskId);
    return ResponseEntity.accepted()
        .location(URI.create(location(taskId)))
        .body(TaskAccepted.of(taskId, "CANCEL_REQUESTED"));
  }
}
