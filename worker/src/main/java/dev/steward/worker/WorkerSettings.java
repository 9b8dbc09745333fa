package dev.steward.worker;

/** Where the worker's Temporal registration lives, for every process that hosts a worker. */
public final class WorkerSettings {

  /** Names the workflow classes per task queue; activity beans register by their annotation. */
  public static final String CONFIG = "classpath:steward-worker.yml";

  private WorkerSettings() {}
}
