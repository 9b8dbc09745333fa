package dev.steward.bench;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.PropertyResolver;

/**
 * Worker options a benchmark run sets, read from properties so that one build compares several:
 * {@code bench.worker.*} for pollers and slots (applied to the task worker by {@link
 * BenchWorkerTuning}) and Spring's own {@code spring.temporal.workflow-cache.*}. The bare worker
 * gets the same values, so that a comparison changes one thing at a time. Null means the SDK's
 * default.
 */
record WorkerTuning(
    Integer workflowTaskPollers,
    Integer activityTaskPollers,
    Integer workflowTaskSlots,
    Integer activitySlots,
    Integer cacheSize,
    Integer maxWorkflowThreads,
    Boolean virtualWorkflowThreads) {

  static WorkerTuning from(PropertyResolver properties) {
    return new WorkerTuning(
        properties.getProperty("bench.worker.workflow-task-pollers", Integer.class),
        properties.getProperty("bench.worker.activity-task-pollers", Integer.class),
        properties.getProperty("bench.worker.workflow-task-slots", Integer.class),
        properties.getProperty("bench.worker.activity-slots", Integer.class),
        properties.getProperty("spring.temporal.workflow-cache.max-instances", Integer.class),
        properties.getProperty("spring.temporal.workflow-cache.max-threads", Integer.class),
        properties.getProperty(
            "spring.temporal.workflow-cache.using-virtual-workflow-threads", Boolean.class));
  }

  WorkerOptions.Builder apply(WorkerOptions.Builder b) {
    if (workflowTaskPollers != null) {
      b.setMaxConcurrentWorkflowTaskPollers(workflowTaskPollers);
    }
    if (activityTaskPollers != null) {
      b.setMaxConcurrentActivityTaskPollers(activityTaskPollers);
    }
    if (workflowTaskSlots != null) {
      b.setMaxConcurrentWorkflowTaskExecutionSize(workflowTaskSlots);
    }
    if (activitySlots != null) {
      b.setMaxConcurrentActivityExecutionSize(activitySlots);
    }
    return b;
  }

  WorkerFactoryOptions.Builder apply(WorkerFactoryOptions.Builder b) {
    if (cacheSize != null) {
      b.setWorkflowCacheSize(cacheSize);
    }
    if (maxWorkflowThreads != null) {
      b.setMaxWorkflowThreadCount(maxWorkflowThreads);
    }
    if (virtualWorkflowThreads != null) {
      b.setUsingVirtualWorkflowThreads(virtualWorkflowThreads);
    }
    return b;
  }

  /** What differs from the SDK's defaults, e.g. {@code workflow-task-pollers=4}, or "defaults". */
  String describe() {
    List<String> set = new ArrayList<>();
    add(set, "workflow-task-pollers", workflowTaskPollers);
    add(set, "activity-task-pollers", activityTaskPollers);
    add(set, "workflow-task-slots", workflowTaskSlots);
    add(set, "activity-slots", activitySlots);
    add(set, "workflow-cache", cacheSize);
    add(set, "max-workflow-threads", maxWorkflowThreads);
    add(set, "virtual-workflow-threads", virtualWorkflowThreads);
    return set.isEmpty() ? "SDK defaults" : String.join(", ", set);
  }

  private static void add(List<String> set, String name, Object value) {
    if (value != null) {
      set.add(name + "=" + value);
    }
  }
}
