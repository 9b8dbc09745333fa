package dev.steward.workflows.ingestion;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Turns a stored document into indexed, embedded chunks. */
@WorkflowInterface
public interface IngestionWorkflow {

  String TASK_QUEUE = "steward-ingestion";

  @WorkflowMethod(name = "StewardIngestion")
  IngestionProgress ingest(IngestionRequest request);

  @QueryMethod(name = "progress")
  IngestionProgress progress();
}
