package dev.steward.bench;

import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Applies a run's {@link WorkerTuning} to the task worker. A customizer rather than {@code
 * spring.temporal.workers[0].capacity.*}: overriding one element of that list from the command line
 * would replace the whole list that the worker's YAML declares.
 */
@Configuration(proxyBeanMethods = false)
public class BenchWorkerTuning {

  @Bean
  WorkerOptionsCustomizer benchTaskWorkerOptions(Environment environment) {
    WorkerTuning tuning = WorkerTuning.from(environment);
    return (builder, workerName, taskQueue) ->
        TaskWorkflow.TASK_QUEUE.equals(taskQueue) ? tuning.apply(builder) : builder;
  }
}
