package dev.steward.bench;

import com.google.protobuf.util.Timestamps;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The tables {@link RealServerBench} prints. */
final class RealServerReport {

  /**
   * One variant's measurement at one concurrency.
   *
   * @param load the mean load average seen after its batches
   */
  record Row(String name, ClosedLoop.Result result, TimingSummary timings, double load) {}

  private RealServerReport() {}

  /** The tables of every concurrency; {@code setup} says what ran (server, options, runs). */
  static void print(String setup, Map<Integer, List<Row>> rows) {
    BenchReport.header("Task workflow vs bare workflows on Temporal's real server", List.of());
    System.out.println(setup);
    System.out.println(
        "history columns are medians over every run's history (server event times). orch. ="
            + " execution time during which no activity was running (queueing, workflow tasks,"
            + " round trips, local activities); orch./step = orch. / steps the workflow waited"
            + " for; turnaround/step = per awaited activity, scheduled → started plus completed →"
            + " the workflow task that took its result (Temporal's share of a step whatever its"
            + " work); ÷b = against the bare one-activity workflow measured in the same run");
    for (var entry : rows.entrySet()) {
      printConcurrency(entry.getKey(), entry.getValue());
    }
  }

  private static void printConcurrency(int concurrency, List<Row> rows) {
    Row task = rows.get(0);
    Row bare = rows.get(1);
    System.out.printf(Locale.ROOT, "%n#### concurrency %d%n%n", concurrency);
    MarkdownTable table =
        new MarkdownTable(
            "workflow",
            "runs/s",
            "p50 ms",
            "p95 ms",
            "events",
            "WFTs",
            "steps",
            "async",
            "LAs",
            "ups",
            "e2e ms",
            "orch. ms",
            "orch./step",
            "turnaround/step",
            "runs/s ÷b",
            "p50 ÷b",
            "turnaround ÷b",
            "load");
    for (Row r : rows) {
      TimingSummary t = r.timings();
      table.row(
          r.name(),
          r.result().perSecond(),
          r.result().p50Ms(),
          r.result().p95Ms(),
          (int) t.events(),
          (int) t.workflowTasks(),
          (int) t.sequentialSteps(),
          (int) t.asyncActivities(),
          (int) t.localActivities(),
          (int) t.upserts(),
          t.endToEndMs(),
          t.idleMs(),
          t.overheadPerStepMs(),
          t.turnaroundPerStepMs(),
          MarkdownTable.ratio(r.result().perSecond(), bare.result().perSecond()),
          MarkdownTable.ratio(r.result().p50Ms(), bare.result().p50Ms()),
          MarkdownTable.ratio(t.turnaroundPerStepMs(), bare.timings().turnaroundPerStepMs()),
          String.format(Locale.ROOT, "%.1f", r.load()));
    }
    table.print();

    System.out.printf(
        Locale.ROOT,
        "%nCPU per run (process CPU time over the batches ÷ runs; unlike wall time, it hardly"
            + " grows with other work on the machine; this JVM = worker, API and benchmark"
            + " client):%n%n");
    MarkdownTable cpu =
        new MarkdownTable(
            "workflow",
            "this JVM ms",
            "temporal server ms",
            "elasticsearch ms",
            "total ms",
            "total ÷b",
            "server ÷b");
    for (Row r : rows) {
      ClosedLoop.Result c = r.result();
      cpu.row(
          r.name(),
          c.cpuMsPerRun(CpuTime.THIS_JVM),
          c.cpuMsPerRun(CpuTime.TEMPORAL),
          c.cpuMsPerRun(CpuTime.ELASTICSEARCH),
          c.cpuMsPerRun(),
          MarkdownTable.ratio(c.cpuMsPerRun(), bare.result().cpuMsPerRun()),
          MarkdownTable.ratio(
              c.cpuMsPerRun(CpuTime.TEMPORAL), bare.result().cpuMsPerRun(CpuTime.TEMPORAL)));
    }
    cpu.print();

    System.out.printf(
        Locale.ROOT,
        "%nper activity type (medians; queue = scheduled → started, run = started → completed,"
            + " react = completed → the workflow task that took the result completed):%n%n");
    MarkdownTable activities =
        new MarkdownTable("workflow", "activity", "per run", "queue ms", "run ms", "react ms");
    for (Row r : List.of(task, bare)) {
      r.timings()
          .activities()
          .forEach((type, a) ->
              activities.row(r.name(), type, a.perRun(), a.queueMs(), a.runMs(), a.reactMs()));
    }
    activities.print();

    System.out.printf(
        Locale.ROOT,
        "%ntask workflow ÷ bare one-activity workflow at concurrency %d: throughput %s, p50 latency"
            + " %s, turnaround per step %s, orchestration per step %s, CPU per run %s (Temporal"
            + " server alone %s); events per history %d vs %d%n",
        concurrency,
        MarkdownTable.ratio(task.result().perSecond(), bare.result().perSecond()),
        MarkdownTable.ratio(task.result().p50Ms(), bare.result().p50Ms()),
        MarkdownTable.ratio(
            task.timings().turnaroundPerStepMs(), bare.timings().turnaroundPerStepMs()),
        MarkdownTable.ratio(task.timings().overheadPerStepMs(), bare.timings().overheadPerStepMs()),
        MarkdownTable.ratio(task.result().cpuMsPerRun(), bare.result().cpuMsPerRun()),
        MarkdownTable.ratio(
            task.result().cpuMsPerRun(CpuTime.TEMPORAL),
            bare.result().cpuMsPerRun(CpuTime.TEMPORAL)),
        (int) task.timings().events(),
        (int) bare.timings().events());
  }

  /** Each event with its time since the run started, as the server stamped it. */
  static void printHistory(String name, List<HistoryEvent> events) {
    long t0 = Timestamps.toMicros(events.getFirst().getEventTime());
    System.out.printf("%nhistory of a %s run (%d events):%n", name, events.size());
    for (HistoryEvent e : events) {
      String detail =
          e.hasActivityTaskScheduledEventAttributes()
              ? " " + e.getActivityTaskScheduledEventAttributes().getActivityType().getName()
              : "";
      System.out.printf(
          Locale.ROOT,
          "  %3d %9.1f ms  %s%s%n",
          e.getEventId(),
          (Timestamps.toMicros(e.getEventTime()) - t0) / 1000.0,
          e.getEventType().name().replace("EVENT_TYPE_", ""),
          detail);
    }
  }
}
