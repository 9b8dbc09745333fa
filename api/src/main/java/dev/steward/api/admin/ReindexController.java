package dev.steward.api.admin;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.store.chunk.ChunkIndexProperties;
import dev.steward.store.chunk.ChunkIndexVersions;
import dev.steward.workflows.reindex.ReindexProgress;
import dev.steward.workflows.reindex.ReindexRequest;
import dev.steward.workflows.reindex.ReindexWorkflow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Moving the chunk index to a new version (new embedding model or mapping); admins only, as {@code
 * SecurityConfig} rules.
 */
@RestController
@RequestMapping("/v1/admin/reindex")
@Tag(name = "Administration")
class ReindexController {

  private static final String PREFIX = "reindex.";

  private final WorkflowClient workflows;
  private final ChunkIndexProperties properties;

  ReindexController(WorkflowClient workflows, ChunkIndexProperties properties) {
    this.workflows = workflows;
    this.properties = properties;
  }

  /**
   * What to re-index into.
   *
   * @param targetVersion the index version to move to; the configured {@code
   *     steward.retrieval.index-version} when absent
   * @param keepOldIndex keep the previous index after the swap; {@code
   *     steward.retrieval.keep-old-index} when absent
   */
  record ReindexBody(Integer targetVersion, Boolean keepOldIndex) {}

  /** The answer to a re-index request: its id, target index and URL. */
  record ReindexAccepted(String reindexId, String targetIndex, Map<String, String> links) {}

  @PostMapping
  @Operation(summary = "Re-index every stored document into a new index version, then swap")
  ResponseEntity<ReindexAccepted> start(@RequestBody(required = false) ReindexBody body) {
    int version =
        body == null || body.targetVersion() == null
            ? properties.indexVersion()
            : body.targetVersion();
    if (version < 1) {
      throw new ProblemException(Problem.INVALID_REQUEST, "'targetVersion' must be 1 or more.");
    }
    boolean keep =
        body == null || body.keepOldIndex() == null
            ? properties.keepOldIndex()
            : body.keepOldIndex();
    String target = ChunkIndexVersions.indexName(version);
    String id = PREFIX + target;
    // One re-index per target at a time; a finished one may run again (it then finds nothing to
    // do).
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(ReindexWorkflow.TASK_QUEUE)
            .setWorkflowId(id)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    ReindexWorkflow stub = workflows.newWorkflowStub(ReindexWorkflow.class, options);
    WorkflowClient.start(stub::reindex, new ReindexRequest(version, keep, null));
    String self = "/v1/admin/reindex/" + id;
    return ResponseEntity.accepted()
        .location(URI.create(self))
        .body(new ReindexAccepted(id, target, Map.of("self", self)));
  }

  @GetMapping("/{reindexId}")
  @Operation(summary = "A re-index's progress")
  ReindexProgress progress(@PathVariable String reindexId) {
    if (!reindexId.startsWith(PREFIX)) {
      throw notFound(reindexId);
    }
    try {
      ReindexProgress progress =
          workflows.newWorkflowStub(ReindexWorkflow.class, reindexId).progress();
      if (progress == null) {
        throw notFound(reindexId);
      }
      return progress;
    } catch (WorkflowNotFoundException e) {
      throw notFound(reindexId);
    }
  }

  private static ProblemException notFound(String reindexId) {
    return new ProblemException(Problem.NOT_FOUND, "There is no re-index " + reindexId + ".");
  }
}
