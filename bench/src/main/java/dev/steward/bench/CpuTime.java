package dev.steward.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used so far by this JVM and by its child processes (the Temporal dev server, the
 * Elasticsearch node), in milliseconds. On a machine that other work keeps busy, wall-clock times
 * stretch with the load, but the CPU a run costs each process hardly does.
 *
 * @param millisByProcess {@code this JVM}, {@code temporal server}, {@code elasticsearch}
 */
record CpuTime(Map<String, Double> millisByProcess) {

  static final String THIS_JVM = "this JVM";
  static final String TEMPORAL = "temporal server";
  static final String ELASTICSEARCH = "elasticsearch";

  static CpuTime now() {
    Map<String, Double> millis = new LinkedHashMap<>();
    millis.put(THIS_JVM, millis(ProcessHandle.current()));
    millis.put(TEMPORAL, 0.0);
    millis.put(ELASTICSEARCH, 0.0);
    ProcessHandle.current()
        .children()
        .forEach(child -> {
          String command = child.info().command().orElse("");
          String label = command.endsWith("temporal") ? TEMPORAL : ELASTICSEARCH;
          millis.merge(label, millis(child), Double::sum);
        });
    return new CpuTime(millis);
  }

  /** What was used between {@code earlier} and this. */
  CpuTime minus(CpuTime earlier) {
    Map<String, Double> delta = new LinkedHashMap<>();
    millisByProcess.forEach(
        (k, v) -> delta.put(k, v - earlier.millisByProcess.getOrDefault(k, 0.0)));
    return new CpuTime(delta);
  }

  CpuTime plus(CpuTime other) {
    Map<String, Double> sum = new LinkedHashMap<>(millisByProcess);
    other.millisByProcess.forEach((k, v) -> sum.merge(k, v, Double::sum));
    return new CpuTime(sum);
  }

  double millis(String process) {
    return millisByProcess.getOrDefault(process, 0.0);
  }

  double totalMillis() {
    return millisByProcess.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static double millis(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e6;
  }
}
