package dev.steward.workflows.task;

/** The steps of a task, in order; their names match the activity types in the Temporal UI. */
public enum TaskStep {
  SCREEN_INPUT,
  CLASSIFY_TASK,
  RETRIEVE_PASSAGES,
  RESOLVE_PROMPT,
  DRAFT_OUTPUT,
  VALIDATE_OUTPUT,
  AWAIT_APPROVAL,
  EXECUTE_ACTION,
  DONE
}
