package dev.steward.bench;

import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.temporalserver.TemporalDevServer;
import dev.steward.workflows.task.TaskPolicy;
import dev.steward.workflows.task.TaskRequest;
import dev.steward.workflows.task.TaskState;
import dev.steward.workflows.task.TaskStatus;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Steward's task workflow on Temporal's real server (the dev server, SQLite) against bare workflows
 * of trivial activities on the same server, worker process and client, in the same run:
 * support-answer tasks with the zero-latency model, a one-activity workflow (the baseline), and
 * bare workflows shaped like the task workflow (its steps, asynchronous read-model writes and
 * search-attribute upserts, counted from a warm-up task's history) with some or all steps as local
 * activities. Prints throughput and client latency per concurrency, and from every run's history
 * the events, workflow tasks and per-step orchestration time.
 *
 * <p>Arguments: {@code [runs=100] [concurrencies=1,8] [key=value ...]}. Keys: {@code rounds=5}
 * (each variant runs in that many interleaved batches), {@code variants=core} (only the task, the
 * one-activity and the task-shaped bare workflow), {@code print-history=true} (prints one history
 * of each), {@code eager-start=true} (asks for eager workflow start), {@code server.KEY=VALUE} (the
 * server's dynamic config, e.g. {@code server.system.enableActivityEagerExecution=true}); any other
 * {@code key=value} is a Spring property of the stack (e.g. {@code
 * bench.worker.workflow-task-pollers=4}, see {@link WorkerTuning}, or {@code
 * spring.temporal.workflow-cache.max-instances=0}).
 */
public final class RealServerBench {

  private static final String TENANT = "acme";
  private static final String TYPE = "support-answer";
  private static final String READ_MODEL_WRITE = "RecordTaskState";
  private static final Set<String> ASYNC_TYPES = Set.of(READ_MODEL_WRITE, "BenchRecord");
  private static final int WARM_UP_RUNS = 20;
  private static final List<String> QUESTIONS =
      List.of(
          "How long do refunds take?",
          "Can I return a personalized item?",
          "Who pays for return shipping?",
          "How do I reset my password?",
          "What does the warranty cover?");

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args);
    try (RealServerStack stack =
        RealServerStack.start(settings.dynamicConfig(), settings.properties())) {
      WorkerTuning tuning = WorkerTuning.from(stack.context().getEnvironment());
      WorkflowClient client = stack.client();
      WorkerFactory bareWorkers = startBareWorker(client, tuning);
      try {
        new RealServerBench(
                client,
                stack.context().getBean(TaskTypeRegistry.class).get(TYPE).policy(),
                settings)
            .run(tuning);
      } finally {
        bareWorkers.shutdownNow();
      }
    }
  }

  /** The run's arguments, see the class comment. */
  private record Settings(
      int runs,
      int rounds,
      List<Integer> concurrencies,
      List<String> dynamicConfig,
      boolean eagerStart,
      boolean printHistory,
      boolean allVariants,
      Map<String, Object> properties) {

    static Settings parse(String[] args) {
      List<String> positional = new ArrayList<>();
      List<String> dynamicConfig = new ArrayList<>();
      Map<String, Object> properties = new LinkedHashMap<>();
      boolean eagerStart = false;
      boolean printHistory = false;
      int rounds = 5;
      boolean allVariants = true;
      for (String arg : args) {
        int eq = arg.indexOf('=');
        if (eq < 0) {
          positional.add(arg);
        } else if (arg.startsWith("server.")) {
          dynamicConfig.add(arg.substring("server.".length()));
        } else if (arg.startsWith("eager-start=")) {
          eagerStart = Boolean.parseBoolean(arg.substring(eq + 1));
        } else if (arg.startsWith("variants=")) {
          allVariants = !arg.substring(eq + 1).equals("core");
        } else if (arg.startsWith("rounds=")) {
          rounds = Integer.parseInt(arg.substring(eq + 1));
        } else if (arg.startsWith("print-history=")) {
          printHistory = Boolean.parseBoolean(arg.substring(eq + 1));
        } else {
          properties.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
      }
      int runs = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 100;
      List<Integer> concurrencies =
          positional.size() > 1
              ? Arrays.stream(positional.get(1).split(",")).map(Integer::valueOf).toList()
              : List.of(1, 8);
      return new Settings(
          runs,
          rounds,
          concurrencies,
          dynamicConfig,
          eagerStart,
          printHistory,
          allVariants,
          properties);
    }
  }

  /** One row of the comparison: how to run one workflow of it. */
  private record Variant(String name, IntFunction<String> runOne) {}

  private final WorkflowClient client;
  private final TaskPolicy policy;
  private final Settings settings;

  private RealServerBench(WorkflowClient client, TaskPolicy policy, Settings settings) {
    this.client = client;
    this.policy = policy;
    this.settings = settings;
  }

  /** The bare workflows' own worker, on the same client (connection) as Steward's workers. */
  private static WorkerFactory startBareWorker(WorkflowClient client, WorkerTuning tuning) {
    WorkerFactory factory =
        WorkerFactory.newInstance(client, tuning.apply(WorkerFactoryOptions.newBuilder()).build());
    Worker worker =
        factory.newWorker(
            BareStepsWorkflow.TASK_QUEUE, tuning.apply(WorkerOptions.newBuilder()).build());
    worker.registerWorkflowImplementationTypes(BareStepsWorkflowImpl.class);
    worker.registerActivitiesImplementations(new BareStepActivitiesImpl());
    factory.start();
    return factory;
  }

  private void run(WorkerTuning tuning) throws Exception {
    Variant task = new Variant("task " + TYPE, this::runTask);
    ClosedLoop.Result warmUp = ClosedLoop.run(WARM_UP_RUNS, 2, task.runOne());
    RunTimings shape = timings(warmUp.workflowIds().getFirst());
    int steps = shape.sequentialSteps();
    int records = shape.asyncActivities();
    int upserts = shape.upserts();
    System.out.printf(
        "a warm-up task's history: %d events, %d steps, %d read-model writes, %d upserts%n",
        shape.events(), steps, records, upserts);

    BareSteps shaped = new BareSteps(steps, 0, records, upserts);
    List<BareSteps> bareVariants =
        settings.allVariants()
            ? List.of(
                BareSteps.ONE_ACTIVITY,
                new BareSteps(steps, 0, 0, 0),
                new BareSteps(steps, 0, records, 0),
                shaped,
                new BareSteps(steps - 2, 2, records, upserts),
                new BareSteps(0, steps, records, upserts),
                new BareSteps(0, steps, 0, upserts))
            : List.of(BareSteps.ONE_ACTIVITY, shaped);
    List<Variant> variants = new ArrayList<>();
    variants.add(task);
    for (BareSteps bare : bareVariants) {
      variants.add(new Variant(bare.label(), i -> runBare(bare, i)));
    }
    for (Variant v : variants.subList(1, variants.size())) {
      ClosedLoop.run(WARM_UP_RUNS, 2, v.runOne());
    }
    if (settings.printHistory()) {
      printHistory(task.name(), warmUp.workflowIds().getLast());
      printHistory(BareSteps.ONE_ACTIVITY.label(), variants.get(1).runOne().apply(WARM_UP_RUNS));
    }

    Map<Integer, List<RealServerReport.Row>> rows = new LinkedHashMap<>();
    for (int concurrency : settings.concurrencies()) {
      rows.put(concurrency, measure(variants, concurrency));
    }
    print(rows, tuning);
  }

  /**
   * Runs every variant in rounds, a batch of each per round, so that a change in the machine's load
   * during the run weighs on all of them alike.
   */
  private List<RealServerReport.Row> measure(List<Variant> variants, int concurrency)
      throws Exception {
    int perBatch = Math.max(1, settings.runs() / settings.rounds());
    Map<Variant, ClosedLoop.Result> results = new LinkedHashMap<>();
    Map<Variant, Double> loads = new LinkedHashMap<>();
    for (int round = 1; round <= settings.rounds(); round++) {
      // Each round starts with another variant, so that none always runs first.
      for (int k = 0; k < variants.size(); k++) {
        Variant v = variants.get((k + round) % variants.size());
        ClosedLoop.Result batch = ClosedLoop.run(perBatch, concurrency, v.runOne());
        results.merge(v, batch, ClosedLoop.Result::plus);
        loads.merge(v, BenchReport.load() / settings.rounds(), Double::sum);
      }
      System.out.printf(
          Locale.ROOT,
          "  concurrency %d, round %d/%d done (load %.2f)%n",
          concurrency,
          round,
          settings.rounds(),
          BenchReport.load());
    }
    List<RealServerReport.Row> rows = new ArrayList<>();
    for (Variant v : variants) {
      ClosedLoop.Result result = results.get(v);
      List<RunTimings> histories = result.workflowIds().stream().map(this::timings).toList();
      rows.add(
          new RealServerReport.Row(v.name(), result, TimingSummary.of(histories), loads.get(v)));
    }
    return rows;
  }

  private String runTask(int i) {
    String id = TENANT + ".real-server-bench-" + System.nanoTime() + "-" + i;
    TaskWorkflow stub =
        client.newWorkflowStub(TaskWorkflow.class, options(TaskWorkflow.TASK_QUEUE, id));
    TaskState result =
        stub.run(
            new TaskRequest(
                id,
                TENANT,
                TYPE,
                "bench",
                Map.of("question", QUESTIONS.get(i % QUESTIONS.size())),
                policy));
    if (result.status() != TaskStatus.COMPLETED) {
      throw new IllegalStateException(id + " ended " + result.status() + ": " + result.reason());
    }
    return id;
  }

  private String runBare(BareSteps steps, int i) {
    String id = "bench-bare-" + System.nanoTime() + "-" + i;
    int done =
        client
            .newWorkflowStub(BareStepsWorkflow.class, options(BareStepsWorkflow.TASK_QUEUE, id))
            .run(steps);
    if (done != steps.sequentialSteps()) {
      throw new IllegalStateException(id + " ran " + done + " steps of " + steps);
    }
    return id;
  }

  private WorkflowOptions options(String taskQueue, String id) {
    return WorkflowOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setWorkflowId(id)
        .setDisableEagerExecution(!settings.eagerStart())
        .build();
  }

  private RunTimings timings(String workflowId) {
    return RunTimings.of(client.fetchHistory(workflowId).getEvents(), ASYNC_TYPES);
  }

  private void print(Map<Integer, List<RealServerReport.Row>> rows, WorkerTuning tuning) {
    RealServerReport.print(
        String.format(
            Locale.ROOT,
            "server: temporal server start-dev (SQLite file), dynamic config %s%s; eager workflow"
                + " start %s; worker options: %s; zero-latency model; %d runs per row in %d"
                + " interleaved rounds, closed loop",
            TemporalDevServer.DYNAMIC_CONFIG,
            settings.dynamicConfig().isEmpty() ? "" : " + " + settings.dynamicConfig(),
            settings.eagerStart() ? "requested" : "off",
            tuning.describe(),
            settings.runs(),
            settings.rounds()),
        rows);
  }

  private void printHistory(String name, String workflowId) {
    RealServerReport.printHistory(name, client.fetchHistory(workflowId).getEvents());
  }
}
