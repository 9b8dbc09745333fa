package dev.steward.api.evaluation;

import dev.steward.api.security.StewardPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recorded tasks as an evaluation dataset, for re-running them against another prompt version or
 * model before a label moves; engineers and admins of the tenant, as {@code SecurityConfig} rules.
 */
@RestController
@RequestMapping("/v1/admin/datasets")
@Tag(name = "Evaluation")
class TaskDatasetController {

  /** JSON Lines: one {@link TaskDatasetRow} per line. */
  static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

  /** How many matching tasks were left out because no redacted input was recorded for them. */
  static final String SKIPPED_HEADER = "Steward-Skipped-Tasks";

  private final TaskDatasetExport export;
  private final JsonMapper json;

  TaskDatasetController(TaskDatasetExport export, JsonMapper json) {
    this.export = export;
    this.json = json;
  }

  @GetMapping("/tasks")
  @Operation(
      summary = "Export recorded tasks as a JSONL evaluation dataset",
      description =
          "One line per task of the caller's tenant, newest first: its input with personal data"
              + " replaced by the screening step's placeholders, the passages it was given (chunk"
              + " ids), its output and its pinned prompt version. Tasks without a recorded"
              + " redacted input are left out and counted in the Steward-Skipped-Tasks header.")
  ResponseEntity<String> tasks(
      @AuthenticationPrincipal StewardPrincipal principal,
      @RequestParam(required = false) String taskType,
      @Parameter(description = "ISO-8601 instant or date (UTC); tasks started at or after it")
          @RequestParam(required = false)
          String from,
      @Parameter(description = "ISO-8601 instant or date (UTC); tasks started before it")
          @RequestParam(required = false)
          String to,
      @Parameter(description = "a task status; COMPLETED when absent")
          @RequestParam(required = false)
          String status,
      @Parameter(description = "1 to 1000; 100 when absent") @RequestParam(required = false)
          Integer limit,
      @Parameter(description = "whether rows carry the task's output; true when absent")
          @RequestParam(required = false)
          Boolean includeOutput) {
    DatasetQuery query =
        DatasetQuery.parse(principal.tenant(), taskType, from, to, status, limit, includeOutput);
    TaskDatasetExport.Export result = export.export(query);
    StringBuilder body = new StringBuilder();
    for (TaskDatasetRow row : result.rows()) {
      body.append(json.writeValueAsString(row)).append('\n');
    }
    return ResponseEntity.ok()
        .contentType(NDJSON)
        .header(SKIPPED_HEADER, Integer.toString(result.skipped()))
        .body(body.toString());
  }
}
