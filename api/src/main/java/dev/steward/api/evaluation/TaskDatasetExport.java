package dev.steward.api.evaluation;

import dev.steward.api.task.TemporalErrors;
import dev.steward.workflows.task.TaskState;
import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the dataset rows of a tenant's recorded tasks: the list and the passages, output and
 * prompt come from the task read model, the redacted input from each run's screening step.
 */
@Component
class TaskDatasetExport {

  private static final Logger log = LoggerFactory.getLogger(TaskDatasetExport.class);

  /** The rows, and how many matching tasks had no input to export (see {@link #rowOf}). */
  record Export(List<TaskDatasetRow> rows, int skipped) {}

  private final RecordedTasks tasks;
  private final ScreenedInputs inputs;

  TaskDatasetExport(RecordedTasks tasks, ScreenedInputs inputs) {
    this.tasks = tasks;
    this.inputs = inputs;
  }

  Export export(DatasetQuery query) {
    List<TaskDatasetRow> rows = new ArrayList<>();
    int skipped = 0;
    for (TaskState task : tasks.find(query)) {
      Optional<TaskDatasetRow> row = rowOf(task, query.includeOutput());
      if (row.isPresent()) {
        rows.add(row.get());
      } else {
        skipped++;
      }
    }
    return new Export(rows, skipped);
  }

  /**
   * Empty when the task has no redacted input to export: its history is gone (retention), its
   * screening blocked it, or it was screened before screening recorded a redacted input. Such a
   * task is left out rather than exported with its raw input.
   */
  private Optional<TaskDatasetRow> rowOf(TaskState task, boolean includeOutput) {
    Optional<ScreenVerdict> verdict;
    try {
      verdict = inputs.verdictOf(task.taskId());
    } catch (RuntimeException e) {
      if (!TemporalErrors.isNotFound(e)) {
        throw e;
      }
      log.debug("task {} left out of the dataset: its history is gone", task.taskId());
      return Optional.empty();
    }
    if (verdict.isEmpty() || !verdict.get().allowed() || verdict.get().redactedInput() == null) {
      log.debug("task {} left out of the dataset: no redacted input recorded", task.taskId());
      return Optional.empty();
    }
    return Optional.of(
        new TaskDatasetRow(
            TaskDatasetRow.FORMAT,
            task.taskId(),
            task.tenant(),
            task.taskType(),
            task.status().name(),
            task.startedAtMillis(),
            verdict.get().redactedInput(),
            verdict.get().piiKinds(),
            task.passages(),
            includeOutput ? task.output() : null,
            task.prompt(),
            task.modelTier()));
  }
}
