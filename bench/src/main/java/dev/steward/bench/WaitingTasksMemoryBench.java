package dev.steward.bench;

import dev.steward.temporalserver.TemporalDevServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Memory of one worker process holding many refund-decision tasks that wait for approval, on
 * Temporal's real dev server. The worker runs in a JVM of its own ({@link BenchWorkerProcess}), so
 * that its heap holds nothing of the benchmark's client; Elasticsearch runs in yet another JVM. Its
 * memory is read from outside after full collections: once idle (after a warm-up of completed
 * tasks), once with every task waiting. Tasks start through the REST API, as a requester would
 * start them; a task is waiting once the server's visibility lists it as awaiting approval.
 *
 * <p>Arguments: {@code [tasks=10000] [key=value ...]}: {@code xmx=2g} (the worker's heap limit),
 * {@code clients=8} (concurrent starting requests), {@code wave=400} (tasks started before waiting
 * for them to reach the gate); any other {@code key=value} is a Spring property of the worker, e.g.
 * {@code spring.temporal.workflow-cache.max-instances=10000}.
 */
public final class WaitingTasksMemoryBench {

  private static final String REQUESTER_KEY = "demo-requester-key";
  private static final String WAITING = "StewardStatus = 'AWAITING_APPROVAL'";
  private static final int WARM_UP_TASKS = 20;
  private static final List<String> REASONS =
      List.of(
          "The kettle arrived with a cracked lid and leaks.",
          "The jacket's zipper broke on the first day.",
          "The blender stops after a few seconds of use.",
          "The parcel was crushed and the lamp inside is broken.",
          "The shoes are two sizes smaller than ordered.");

  public static void main(String[] args) throws Exception {
    int tasks = 10_000;
    String xmx = "2g";
    int clients = 8;
    int wave = 400;
    List<String> workerProperties = new ArrayList<>();
    for (String arg : args) {
      if (!arg.contains("=")) {
        tasks = Integer.parseInt(arg);
      } else if (arg.startsWith("xmx=")) {
        xmx = arg.substring(4);
      } else if (arg.startsWith("wave=")) {
        wave = Integer.parseInt(arg.substring(5));
      } else if (arg.startsWith("clients=")) {
        clients = Integer.parseInt(arg.substring(8));
      } else {
        workerProperties.add(arg);
      }
    }
    BenchReport.noteBuild();
    Path dir = Files.createTempDirectory("steward-memory-bench");
    try (TemporalDevServer server = RealServerStack.startServer(dir, List.of());
        BenchWorkerProcess worker =
            BenchWorkerProcess.launch(dir.resolve("worker"), server, xmx, workerProperties)) {
      new WaitingTasksMemoryBench(server, worker, tasks, clients, wave, xmx, workerProperties)
          .run();
    } finally {
      RealServerStack.deleteRecursively(dir);
    }
  }

  private final TemporalDevServer server;
  private final BenchWorkerProcess worker;
  private final int tasks;
  private final int clients;
  private final int wave;
  private final String xmx;
  private final List<String> workerProperties;

  private WaitingTasksMemoryBench(
      TemporalDevServer server,
      BenchWorkerProcess worker,
      int tasks,
      int clients,
      int wave,
      String xmx,
      List<String> workerProperties) {
    this.server = server;
    this.worker = worker;
    this.tasks = tasks;
    this.clients = clients;
    this.wave = wave;
    this.xmx = xmx;
    this.workerProperties = workerProperties;
  }

  private void run() throws Exception {
    StewardApi api = new StewardApi(worker.port(), REQUESTER_KEY);
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    try {
      WorkflowClient visibility =
          WorkflowClient.newInstance(
              service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      warmUp(api);
      Thread.sleep(5_000);
      JvmMemory idle = JvmMemory.afterFullGc(worker.pid());
      System.out.printf("idle: %s%n", idle);

      String runId = Long.toString(System.currentTimeMillis(), 36);
      long started = System.nanoTime();
      double startSeconds = 0;
      for (int from = 0; from < tasks; from += wave) {
        int to = Math.min(tasks, from + wave);
        startSeconds += startRefunds(api, runId, from, to);
        awaitWaiting(visibility, to, started);
      }
      double waitingSeconds = (System.nanoTime() - started) / 1e9;
      Thread.sleep(5_000);
      JvmMemory waiting = JvmMemory.afterFullGc(worker.pid());
      System.out.printf("waiting: %s%n", waiting);
      print(idle, waiting, startSeconds, waitingSeconds);
    } finally {
      service.shutdownNow();
    }
  }

  /** Completed support answers, so that the idle figure is of a worker that has loaded its code. */
  private void warmUp(StewardApi api) throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < WARM_UP_TASKS; i++) {
      ids.add(
          api.startTask(
              "support-answer",
              Map.of("question", "How long do refunds take?"),
              "memory-warm-up-" + i));
    }
    for (String id : ids) {
      api.awaitTask(id, Duration.ofMinutes(2));
    }
    System.out.printf("warm-up: %d support answers completed%n", ids.size());
  }

  /**
   * Starts refunds {@code from} to {@code to} (exclusive) through the API; returns the seconds
   * until the last was accepted.
   */
  private double startRefunds(StewardApi api, String runId, int from, int to) throws Exception {
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = from; i < to; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> api.startTask("refund-decision", refund(n), "memory-" + runId + "-" + n)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static Map<String, Object> refund(int i) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("orderId", "order-" + i);
    input.put("orderTotal", 480);
    input.put("requestedAmount", 240);
    input.put("reason", REASONS.get(i % REASONS.size()));
    input.put("daysSinceDelivery", 6);
    input.put("itemCondition", "damaged");
    return input;
  }

  /** Waits until visibility lists {@code expected} tasks as awaiting approval. */
  private void awaitWaiting(WorkflowClient visibility, int expected, long started)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(600L + 10L * wave).toNanos();
    while (true) {
      long waiting = visibility.countWorkflows(WAITING).getCount();
      long now = System.nanoTime();
      if (waiting >= expected) {
        double seconds = (now - started) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "  %d/%d awaiting approval (%.0f s, %.1f tasks/s so far, load %.2f)%n",
            waiting,
            tasks,
            seconds,
            waiting / seconds,
            BenchReport.load());
        return;
      }
      if (now > deadline) {
        throw new IllegalStateException(
            "only " + waiting + " of " + expected + " tasks awaited approval in time");
      }
      Thread.sleep(500);
    }
  }

  private void print(
      JvmMemory idle, JvmMemory waiting, double startSeconds, double waitingSeconds) {
    BenchReport.header("Memory of one worker holding tasks that wait for approval", List.of());
    System.out.printf(
        Locale.ROOT,
        "server: temporal server start-dev (SQLite file); worker: its own JVM (-Xmx%s, G1,"
            + " Native Memory Tracking), API + workers, Elasticsearch in another JVM; worker"
            + " properties: %s; %d refund-decision tasks (refund 240 > approval threshold 100)"
            + " started through the API by %d clients%n%n",
        xmx,
        workerProperties.isEmpty()
            ? "defaults (workflow cache 600, 600 workflow threads)"
            : workerProperties,
        tasks,
        clients);
    int cached = Math.min(tasks, cacheSize());
    MarkdownTable table =
        new MarkdownTable(
            "worker JVM, after 2 full GCs",
            "idle",
            tasks + " waiting",
            "delta",
            "per task",
            "per cached workflow (" + cached + ")");
    row(table, "heap used (MB)", idle.heapUsedKb(), waiting.heapUsedKb(), cached);
    row(table, "heap committed (MB)", idle.heapCommittedKb(), waiting.heapCommittedKb(), 0);
    row(
        table,
        "NMT committed, all (MB)",
        idle.nativeCommittedKb(),
        waiting.nativeCommittedKb(),
        cached);
    row(
        table,
        "NMT thread stacks committed (MB)",
        idle.threadStacksCommittedKb(),
        waiting.threadStacksCommittedKb(),
        cached);
    row(table, "resident set size (MB)", idle.rssKb(), waiting.rssKb(), cached);
    table.row(
        "platform threads",
        String.valueOf(idle.threads()),
        String.valueOf(waiting.threads()),
        String.valueOf(waiting.threads() - idle.threads()),
        "",
        "");
    table.print();
    System.out.printf(
        Locale.ROOT,
        "%nstarted in waves of %d (the next wave once the last one waits; more tasks in flight"
            + " than the workflow cache holds would make the worker replay them): the API accepted"
            + " %d starts in %.1f s of requests = %.1f tasks/s; all %d awaiting approval after %.1f s"
            + " = %.1f tasks/s through screen, classify, retrieve, draft and validate to the approval"
            + " gate (load average now %.2f)%n",
        wave,
        tasks,
        startSeconds,
        tasks / startSeconds,
        tasks,
        waitingSeconds,
        tasks / waitingSeconds,
        BenchReport.load());
  }

  /** Megabytes, and the delta per task and per cached workflow (none when {@code cached} is 0). */
  private void row(MarkdownTable table, String name, long idleKb, long waitingKb, int cached) {
    double delta = waitingKb - idleKb;
    table.row(
        name,
        idleKb / 1024.0,
        waitingKb / 1024.0,
        delta / 1024.0,
        cached == 0 ? "" : String.format(Locale.ROOT, "%.1f KB", delta / tasks),
        cached == 0 ? "" : String.format(Locale.ROOT, "%.1f KB", delta / cached));
  }

  /** The worker's workflow cache: its property if given, else the SDK's default of 600. */
  private int cacheSize() {
    String key = "spring.temporal.workflow-cache.max-instances=";
    return workerProperties.stream()
        .filter(p -> p.startsWith(key))
        .map(p -> Integer.parseInt(p.substring(key.length())))
        .findFirst()
        .orElse(600);
  }
}
