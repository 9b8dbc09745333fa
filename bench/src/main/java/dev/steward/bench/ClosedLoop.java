package dev.steward.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs workflows from a fixed number of client threads, each starting its next workflow when the
 * last one has ended: throughput at that concurrency, and each run's latency as the client saw it.
 */
final class ClosedLoop {

  /**
   * Runs measured together or in several batches (see {@link #plus}).
   *
   * @param seconds wall time spent running them
   * @param latenciesMs each run's latency, start to result
   * @param workflowIds the runs' workflow ids, to read their histories afterwards
   * @param cpu CPU time this JVM and its child processes used meanwhile
   */
  record Result(double seconds, List<Double> latenciesMs, List<String> workflowIds, CpuTime cpu) {

    /** CPU milliseconds one run cost the process (see {@link CpuTime}). */
    double cpuMsPerRun(String process) {
      return cpu.millis(process) / latenciesMs.size();
    }

    double cpuMsPerRun() {
      return cpu.totalMillis() / latenciesMs.size();
    }

    double perSecond() {
      return latenciesMs.size() / seconds;
    }

    double p50Ms() {
      return BenchReport.percentile(latenciesMs.stream().sorted().toList(), 0.50);
    }

    double p95Ms() {
      return BenchReport.percentile(latenciesMs.stream().sorted().toList(), 0.95);
    }

    /** Both batches as one: times add up, samples pool. */
    Result plus(Result other) {
      List<Double> latencies = new ArrayList<>(latenciesMs);
      latencies.addAll(other.latenciesMs);
      List<String> ids = new ArrayList<>(workflowIds);
      ids.addAll(other.workflowIds);
      return new Result(
          seconds + other.seconds, List.copyOf(latencies), List.copyOf(ids), cpu.plus(other.cpu));
    }
  }

  private ClosedLoop() {}

  /** {@code runOne} runs workflow number i to its end and returns its workflow id. */
  static Result run(int runs, int concurrency, IntFunction<String> runOne) throws Exception {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    CpuTime cpuBefore = CpuTime.now();
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        int n = i;
        futures.add(
            pool.submit(() -> {
              long t0 = System.nanoTime();
              ids.add(runOne.apply(n));
              latencies.add((System.nanoTime() - t0) / 1e6);
            }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Result(
        seconds, List.copyOf(latencies), List.copyOf(ids), CpuTime.now().minus(cpuBefore));
  }
}
