package dev.steward.store;

import dev.steward.store.action.ActionLedger;
import dev.steward.store.chunk.ChunkIndexVersions;
import dev.steward.store.document.DocumentStore;
import dev.steward.store.model.ModelCallJournal;
import dev.steward.store.prompt.PromptRegistry;
import dev.steward.store.redaction.RedactionStore;
import dev.steward.store.task.TaskReadModel;
import dev.steward.store.trace.TraceStore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Creates Steward's indices at start-up, before the API takes a request or the worker a task.
 * Idempotent, so every process may run it.
 */
class StoreIndices implements ApplicationRunner {

  private final TaskReadModel tasks;
  private final DocumentStore documents;
  private final ChunkIndexVersions chunks;
  private final ActionLedger actions;
  private final RedactionStore redactions;
  private final TraceStore traces;
  private final PromptRegistry prompts;
  private final ModelCallJournal modelCalls;

  StoreIndices(
      TaskReadModel tasks,
      DocumentStore documents,
      ChunkIndexVersions chunks,
      ActionLedger actions,
      RedactionStore redactions,
      TraceStore traces,
      PromptRegistry prompts,
      ModelCallJournal modelCalls) {
    this.tasks = tasks;
    this.documents = documents;
    this.chunks = chunks;
    this.actions = actions;
    this.redactions = redactions;
    this.traces = traces;
    this.prompts = prompts;
    this.modelCalls = modelCalls;
  }

  @Override
  public void run(ApplicationArguments args) {
    tasks.createIndex();
    documents.createIndices();
    chunks.createIndex();
    actions.createIndex();
    redactions.createIndex();
    traces.createTemplate();
    prompts.createIndices();
    modelCalls.createIndex();
  }
}
