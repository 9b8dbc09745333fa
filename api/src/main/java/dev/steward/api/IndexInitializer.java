package dev.steward.api;

import dev.steward.store.document.DocumentStore;
import dev.steward.store.task.TaskReadModel;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the indices the API reads and writes before it serves requests, so that a first upload
 * never lets Elasticsearch guess a mapping. Idempotent: the worker does the same at its start.
 */
@Component
class IndexInitializer implements ApplicationRunner {

  private final TaskReadModel tasks;
  private final DocumentStore documents;

  IndexInitializer(TaskReadModel tasks, DocumentStore documents) {
    this.tasks = tasks;
    this.documents = documents;
  }

  @Override
  public void run(ApplicationArguments args) {
    tasks.createIndex();
    documents.createIndices();
  }
}
