package dev.steward.bench;

import dev.steward.app.EmbeddedSteward;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.ReasoningActivities;
import dev.steward.workflows.task.RetrievalActivities;
import dev.steward.workflows.task.ScreeningActivities;
import dev.steward.workflows.task.TaskRecordActivities;
import dev.steward.workflows.task.TaskRequest;
import dev.steward.workflows.task.TaskState;
import dev.steward.workflows.task.TaskStatus;
import dev.steward.workflows.task.TaskStepTypes.DraftRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import dev.steward.workflows.task.TaskStepTypes.RetrievalRequest;
import dev.steward.workflows.task.TaskStepTypes.ScreenRequest;
import dev.steward.workflows.task.TaskStepTypes.TaskRecord;
import dev.steward.workflows.task.TaskStepTypes.ValidationRequest;
import dev.steward.workflows.task.TaskWorkflow;
import dev.steward.workflows.task.Usage;
import dev.steward.workflows.task.ValidationActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.springframework.context.ApplicationContext;

/**
 * What durability costs: N support-answer tasks through the embedded stack (Temporal workflow,
 * every step an activity, read-model writes) against the same steps called directly, with a
 * zero-latency model so that only Steward's overhead is measured. Prints tasks/s and per-task
 * p50/p95 for both, and their ratios. Arguments: [tasks=200] [concurrency=4].
 */
public final class TaskThroughputBench {

  private static final String TENANT = "acme";
  private static final String TYPE = "support-answer";
  private static final List<String> QUESTIONS =
      List.of(
          "How long do refunds take?",
          "Can I return a personalized item?",
          "Who pays for return shipping?",
          "How do I reset my password?",
          "What does the warranty cover?");

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path data = Files.createTempDirectory("steward-bench");
    try (EmbeddedSteward steward =
        EmbeddedSteward.start(
            data, Map.of("server.port", 0), new Class<?>[] {ZeroLatencyModel.class})) {
      awaitHealthy(steward.port());
      ApplicationContext ctx = steward.context();
      var policy = ctx.getBean(TaskTypeRegistry.class).get(TYPE).policy();
      WorkflowClient client = ctx.getBean(WorkflowClient.class);
      DirectSteps direct = new DirectSteps(ctx);

      IntConsumer viaTemporal =
          i -> {
            String id = TENANT + ".bench-" + System.nanoTime() + "-" + i;
            TaskWorkflow stub =
                client.newWorkflowStub(
                    TaskWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setTaskQueue(TaskWorkflow.TASK_QUEUE)
                        .setWorkflowId(id)
                        .build());
            TaskState result =
                stub.run(
                    new TaskRequest(
                        id, TENANT, TYPE, "bench", Map.of("question", question(i)), policy));
            check(result.status() == TaskStatus.COMPLETED, id + " ended " + result.status());
          };
      IntConsumer directly = i -> direct.run(TENANT + ".direct-" + System.nanoTime() + "-" + i, i);

      measure("warm-up", Math.min(40, tasks), concurrency, viaTemporal);
      measure("warm-up", Math.min(40, tasks), concurrency, directly);
      Result temporal = measure("temporal", tasks, concurrency, viaTemporal);
      Result plain = measure("direct", tasks, concurrency, directly);

      System.out.printf(
          Locale.ROOT,
          "%n%d support-answer tasks, concurrency %d, zero-latency model%n"
              + "%-10s %10s %10s %10s%n",
          tasks,
          concurrency,
          "path",
          "tasks/s",
          "p50 ms",
          "p95 ms");
      for (Result r : List.of(temporal, plain)) {
        System.out.printf(
            Locale.ROOT,
            "%-10s %10.1f %10.1f %10.1f%n",
            r.name(),
            r.tasksPerSecond(),
            r.p50(),
            r.p95());
      }
      System.out.printf(
          Locale.ROOT,
          "ratio temporal/direct: throughput %.2f, p50 %.2f, p95 %.2f%n",
          temporal.tasksPerSecond() / plain.tasksPerSecond(),
          temporal.p50() / plain.p50(),
          temporal.p95() / plain.p95());
    }
  }

  /** The workflow's steps for a support answer, called in order without Temporal. */
  private record DirectSteps(
      ScreeningActivities screening,
      RetrievalActivities retrieval,
      ReasoningActivities reasoning,
      ValidationActivities validation,
      TaskRecordActivities records,
      dev.steward.workflows.task.TaskPolicy policy) {

    DirectSteps(ApplicationContext ctx) {
      this(
          ctx.getBean(ScreeningActivities.class),
          ctx.getBean(RetrievalActivities.class),
          ctx.getBean(ReasoningActivities.class),
          ctx.getBean(ValidationActivities.class),
          ctx.getBean(TaskRecordActivities.class),
          ctx.getBean(TaskTypeRegistry.class).get(TYPE).policy());
    }

    void run(String id, int i) {
      Map<String, Object> input = Map.of("question", question(i));
      long started = System.currentTimeMillis();
      records.recordTaskState(new TaskRecord(state(id, TaskStatus.RUNNING, started, null), 1));
      check(screening.screenInput(new ScreenRequest(id, TENANT, TYPE, input)).allowed(), id);
      var passages =
          retrieval.retrievePassages(new RetrievalRequest(id, TENANT, TYPE, input)).passages();
      DraftResult draft =
          reasoning.draftOutput(
              new DraftRequest(
                  id, TENANT, TYPE, policy.modelTier(), input, passages, 1, List.of()));
      var verdict =
          validation.validateOutput(
              new ValidationRequest(
                  TYPE, draft.output(), passages.stream().map(p -> p.chunkId()).toList(), false));
      check(verdict.valid(), id + " invalid: " + verdict.errors());
      records.recordTaskState(
          new TaskRecord(state(id, TaskStatus.COMPLETED, started, draft.output()), 2));
    }

    private static TaskState state(
        String id, TaskStatus status, long started, Map<String, Object> output) {
      return new TaskState(
          id,
          TENANT,
          TYPE,
          "bench",
          status,
          null,
          List.of(),
          Usage.none(),
          List.of(),
          output,
          output != null,
          null,
          null,
          null,
          null,
          started,
          System.currentTimeMillis(),
          List.of(),
          null,
          null,
          List.of(),
          List.of(),
          List.of());
    }
  }

  private record Result(String name, double tasksPerSecond, double p50, double p95) {}

  private static Result measure(String name, int tasks, int concurrency, IntConsumer task)
      throws Exception {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        int n = i;
        futures.add(
            pool.submit(() -> {
              long t0 = System.nanoTime();
              task.accept(n);
              latencies.add((System.nanoTime() - t0) / 1e6);
            }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    List<Double> sorted = latencies.stream().sorted().toList();
    return new Result(name, tasks / seconds, percentile(sorted, 0.50), percentile(sorted, 0.95));
  }

  private static double percentile(List<Double> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
  }

  private static String question(int i) {
    return QUESTIONS.get(i % QUESTIONS.size());
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private static void awaitHealthy(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 240; i++) {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Steward did not become healthy");
  }

  private TaskThroughputBench() {}
}
