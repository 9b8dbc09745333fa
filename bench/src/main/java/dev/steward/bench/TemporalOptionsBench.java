package dev.steward.bench;

import dev.steward.temporalserver.TemporalDevServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Which Temporal worker, client and server options lower the orchestration cost of a workflow
 * shaped like Steward's task workflow, each against a baseline in the same run: every option runs
 * on a worker factory and task queue of its own, on one real dev server (SQLite) with eager
 * activity dispatch and eager workflow start allowed, and the options run in interleaved rounds. No
 * Steward stack: the workflow is the bare one, so only Temporal's share is measured.
 *
 * <p>Arguments: {@code [runs=100] [concurrencies=1,8] [rounds=5] [shape=5,2,7]}, the shape being
 * the task workflow's awaited activities, asynchronous read-model writes and search-attribute
 * upserts ({@link RealServerBench} prints them from a task's history).
 */
public final class TemporalOptionsBench {

  private static final String QUEUE_PREFIX = "bench-options-";

  /** One configuration under test: how its factory, worker and starts differ from the SDK's. */
  private record Option(
      String name,
      UnaryOperator<WorkerFactoryOptions.Builder> factory,
      UnaryOperator<WorkerOptions.Builder> worker,
      boolean eagerStart) {

    static Option of(String name, UnaryOperator<WorkerOptions.Builder> worker) {
      return new Option(name, f -> f, worker, false);
    }
  }

  /**
   * The server allows eager activities, so every option but the one that measures them turns them
   * off on its worker: the baseline is then a worker as it runs against a default server.
   */
  private static List<Option> options() {
    UnaryOperator<WorkerOptions.Builder> noEager = w -> w.setDisableEagerExecution(true);
    return List.of(
        Option.of("baseline (SDK defaults, no eager)", noEager),
        Option.of("eager activity dispatch", w -> w.setDisableEagerExecution(false)),
        new Option("eager workflow start", f -> f, noEager, true),
        new Option("no sticky cache (cache 0)", f -> f.setWorkflowCacheSize(0), noEager, false),
        Option.of(
            "2 workflow + 2 activity pollers",
            w ->
                noEager
                    .apply(w)
                    .setMaxConcurrentWorkflowTaskPollers(2)
                    .setMaxConcurrentActivityTaskPollers(2)),
        Option.of(
            "poller autoscaling",
            w ->
                noEager
                    .apply(w)
                    .setWorkflowTaskPollersBehavior(new PollerBehaviorAutoscaling())
                    .setActivityTaskPollersBehavior(new PollerBehaviorAutoscaling())),
        new Option(
            "virtual workflow threads",
            f -> f.setUsingVirtualWorkflowThreads(true),
            noEager,
            false));
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    List<Integer> concurrencies =
        args.length > 1
            ? Arrays.stream(args[1].split(",")).map(Integer::valueOf).toList()
            : List.of(1, 8);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int[] shape =
        Arrays.stream((args.length > 3 ? args[3] : "5,2,7").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    BareSteps steps = new BareSteps(shape[0], 0, shape[1], shape[2]);

    Path dir = Files.createTempDirectory("steward-options-bench");
    List<WorkerFactory> factories = new ArrayList<>();
    try (TemporalDevServer server =
        RealServerStack.startServer(
            dir,
            List.of(
                "system.enableActivityEagerExecution=true",
                "system.enableEagerWorkflowStart=true"))) {
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      List<Option> options = options();
      for (int i = 0; i < options.size(); i++) {
        factories.add(startWorker(client, options.get(i), QUEUE_PREFIX + i));
      }
      try {
        Map<Integer, List<RealServerReport.Row>> rows = new LinkedHashMap<>();
        for (int concurrency : concurrencies) {
          rows.put(concurrency, measure(client, options, steps, runs, rounds, concurrency));
        }
        print(rows, steps, runs, rounds);
      } finally {
        factories.forEach(WorkerFactory::shutdownNow);
        service.shutdownNow();
      }
    } finally {
      RealServerStack.deleteRecursively(dir);
    }
  }

  private static WorkerFactory startWorker(WorkflowClient client, Option option, String queue) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client, option.factory().apply(WorkerFactoryOptions.newBuilder()).build());
    Worker worker =
        factory.newWorker(queue, option.worker().apply(WorkerOptions.newBuilder()).build());
    worker.registerWorkflowImplementationTypes(BareStepsWorkflowImpl.class);
    worker.registerActivitiesImplementations(new BareStepActivitiesImpl());
    factory.start();
    return factory;
  }

  private static List<RealServerReport.Row> measure(
      WorkflowClient client,
      List<Option> options,
      BareSteps steps,
      int runs,
      int rounds,
      int concurrency)
      throws Exception {
    for (int i = 0; i < options.size(); i++) {
      int n = i;
      ClosedLoop.run(20, 2, r -> runOne(client, options.get(n), QUEUE_PREFIX + n, steps, r));
    }
    Map<Integer, ClosedLoop.Result> results = new LinkedHashMap<>();
    Map<Integer, Double> loads = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      // Each round starts with another option, so that none always runs first.
      for (int k = 0; k < options.size(); k++) {
        int i = (k + round) % options.size();
        int n = i;
        ClosedLoop.Result batch =
            ClosedLoop.run(
                Math.max(1, runs / rounds),
                concurrency,
                r -> runOne(client, options.get(n), QUEUE_PREFIX + n, steps, r));
        results.merge(i, batch, ClosedLoop.Result::plus);
        loads.merge(i, BenchReport.load() / rounds, Double::sum);
      }
      System.out.printf(
          Locale.ROOT,
          "  concurrency %d, round %d/%d done (load %.2f)%n",
          concurrency,
          round,
          rounds,
          BenchReport.load());
    }
    List<RealServerReport.Row> rows = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      List<RunTimings> histories =
          results.get(i).workflowIds().stream()
              .map(id -> RunTimings.of(client.fetchHistory(id).getEvents(), Set.of("BenchRecord")))
              .toList();
      rows.add(
          new RealServerReport.Row(
              options.get(i).name(), results.get(i), TimingSummary.of(histories), loads.get(i)));
    }
    return rows;
  }

  private static String runOne(
      WorkflowClient client, Option option, String queue, BareSteps steps, int i) {
    String id = queue + "-" + System.nanoTime() + "-" + i;
    int done =
        client
            .newWorkflowStub(
                BareStepsWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(queue)
                    .setWorkflowId(id)
                    .setDisableEagerExecution(!option.eagerStart())
                    .build())
            .run(steps);
    if (done != steps.sequentialSteps()) {
      throw new IllegalStateException(id + " ran " + done + " steps of " + steps);
    }
    return id;
  }

  private static void print(
      Map<Integer, List<RealServerReport.Row>> rows, BareSteps steps, int runs, int rounds) {
    System.out.printf(
        Locale.ROOT,
        "%n### Temporal options on a workflow shaped like the task workflow (%s)%n%n"
            + "machine: %d cores, JDK %s; build: %s; load average now %.2f%n",
        LocalDate.now(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        TemporalOptionsBench.class.getProtectionDomain().getCodeSource().getLocation(),
        BenchReport.load());
    System.out.printf(
        Locale.ROOT,
        "server: temporal server start-dev (SQLite file) with system.enableActivityEagerExecution"
            + " and system.enableEagerWorkflowStart; workflow: %s (no work in its activities); %d"
            + " runs per row in %d interleaved rounds, closed loop; one worker factory and task"
            + " queue per option, all in this JVM (worker and client); CPU ms/run = process CPU"
            + " time ÷ runs; ÷base = against the baseline row of the same run%n",
        steps.label(),
        runs,
        rounds);
    for (var entry : rows.entrySet()) {
      List<RealServerReport.Row> measured = entry.getValue();
      RealServerReport.Row base = measured.getFirst();
      System.out.printf(Locale.ROOT, "%n#### concurrency %d%n%n", entry.getKey());
      MarkdownTable table =
          new MarkdownTable(
              "option",
              "runs/s",
              "p50 ms",
              "p95 ms",
              "events",
              "WFTs",
              "WFT run ms",
              "orch. ms",
              "turnaround/step",
              "CPU ms/run: JVM",
              "server",
              "runs/s ÷base",
              "p50 ÷base",
              "CPU ÷base",
              "load");
      for (RealServerReport.Row r : measured) {
        TimingSummary t = r.timings();
        table.row(
            r.name(),
            r.result().perSecond(),
            r.result().p50Ms(),
            r.result().p95Ms(),
            (int) t.events(),
            (int) t.workflowTasks(),
            t.workflowTaskRunMs(),
            t.idleMs(),
            t.turnaroundPerStepMs(),
            r.result().cpuMsPerRun(CpuTime.THIS_JVM),
            r.result().cpuMsPerRun(CpuTime.TEMPORAL),
            MarkdownTable.ratio(r.result().perSecond(), base.result().perSecond()),
            MarkdownTable.ratio(r.result().p50Ms(), base.result().p50Ms()),
            MarkdownTable.ratio(r.result().cpuMsPerRun(), base.result().cpuMsPerRun()),
            String.format(Locale.ROOT, "%.1f", r.load()));
      }
      table.print();
    }
  }

  private TemporalOptionsBench() {}
}
