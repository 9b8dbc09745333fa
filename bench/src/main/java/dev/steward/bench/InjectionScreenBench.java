package dev.steward.bench;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.steward.activities.screening.InjectionDetector;
import dev.steward.activities.screening.InputScreen;
import dev.steward.activities.screening.ScreeningProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How well the input screen tells prompt injections from ordinary requests: every line of the
 * shared injection dev set goes through the same {@link InputScreen} the screening activity uses
 * (real all-MiniLM-L6-v2 embeddings, bundled exemplars, no Spring). Prints TPR, FPR and precision
 * at the deployment default threshold (or the one given), a threshold sweep, and per-input latency
 * after a warm-up. Texts are never printed (the set's MANIFEST carries a content warning).
 * Arguments: [dev.jsonl] [threshold].
 */
public final class InjectionScreenBench {

  private static final int WARM_UP = 30;
  private static final double[] SWEEP = {0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8};

  /** A dev-set line without its text: the label and what the screen made of it. */
  private record Result(
      boolean injection, boolean blocked, double score, String rule, double ms, double cpuMs) {}

  public static void main(String[] args) throws IOException {
    Path dev =
        args.length > 0
            ? Path.of(args[0])
            : Path.of("").toAbsolutePath().getParent().resolve("shared/corpus/injection/dev.jsonl");
    double threshold =
        args.length > 1
            ? Double.parseDouble(args[1])
            : ScreeningProperties.DEFAULT_INJECTION_THRESHOLD;
    JsonMapper json = JsonMapper.builder().build();
    List<JsonNode> lines =
        Files.readAllLines(dev, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .map(json::readTree)
            .toList();

    long start = System.nanoTime();
    InputScreen screen =
        new InputScreen(
            InjectionDetector.withBundledExemplars(new AllMiniLmL6V2EmbeddingModel()),
            new ScreeningProperties(null, null).pii().redactor());
    double startupMs = (System.nanoTime() - start) / 1e6;

    for (int i = 0; i < WARM_UP; i++) {
      screen.screen(
          Map.of("text", lines.get(i % lines.size()).path("text").asString()), 1 << 30, threshold);
    }
    List<Result> results = new ArrayList<>();
    for (JsonNode line : lines) {
      // The size limit is off: the bench measures the injection screen, not the task types' limits.
      Map<String, Object> input = Map.of("text", line.path("text").asString());
      long cpu = processCpuNanos();
      long t = System.nanoTime();
      InputScreen.Outcome outcome = screen.screen(input, 1 << 30, threshold);
      double ms = (System.nanoTime() - t) / 1e6;
      double cpuMs = (processCpuNanos() - cpu) / 1e6;
      results.add(
          new Result(
              "injection".equals(line.path("label").asString()),
              !outcome.allowed(),
              outcome.injectionScore(),
              outcome.injection() == null ? null : outcome.injection().rule(),
              ms,
              cpuMs));
    }
    print(dev, threshold, startupMs, results);
  }

  private static void print(Path dev, double threshold, double startupMs, List<Result> results) {
    BenchReport.noteBuild();
    System.out.printf(
        Locale.ROOT, "%n### Input screen on the injection dev set (%d lines)%n%n", results.size());
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, %s %s, JDK %s; load average %.2f; file %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"),
        BenchReport.load(),
        dev);
    System.out.printf(
        Locale.ROOT,
        "screen: rules + all-MiniLM-L6-v2 similarity to the bundled exemplars, windows of %d"
            + " chars (at most %d per input); size limit off; start-up (model + exemplars) %.0f ms%n%n",
        InjectionDetector.WINDOW_CHARS,
        InjectionDetector.MAX_WINDOWS,
        startupMs);

    System.out.println("| threshold | TP | FP | FN | TN | TPR | FPR | precision |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    row(threshold, results, true);
    for (double t : SWEEP) {
      if (Math.abs(t - threshold) > 1e-9) {
        row(t, results, false);
      }
    }
    long ruleInjections = results.stream().filter(r -> r.injection() && r.rule() != null).count();
    long ruleBenign = results.stream().filter(r -> !r.injection() && r.rule() != null).count();
    System.out.printf(
        Locale.ROOT,
        "%nrules fired on %d injections and %d benign lines (rule hits score 1.0)%n",
        ruleInjections,
        ruleBenign);

    List<Double> all = sorted(results, r -> true, Result::ms);
    List<Double> embedded = sorted(results, r -> r.rule() == null, Result::ms);
    System.out.printf(
        Locale.ROOT,
        "%n| latency per input (ms), after %d warm-up inputs | n | p50 | p95 | max |%n"
            + "|---|---|---|---|---|%n",
        WARM_UP);
    latencyRow("all inputs (full screen incl. PII redaction)", all);
    latencyRow("inputs no rule caught (embedding check ran)", embedded);
    // Wall time suffers from whatever else the machine runs; CPU time of the whole process (the
    // ONNX runtime's threads included) does much less, so it is the figure to compare runs by.
    latencyRow("CPU time, all inputs", sorted(results, r -> true, Result::cpuMs));
    latencyRow(
        "CPU time, inputs no rule caught", sorted(results, r -> r.rule() == null, Result::cpuMs));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void row(double threshold, List<Result> results, boolean marked) {
    long tp = 0, fp = 0, fn = 0, tn = 0;
    for (Result r : results) {
      boolean blocked = r.rule() != null || r.score() >= threshold;
      if (r.injection()) {
        if (blocked) tp++;
        else fn++;
      } else if (blocked) {
        fp++;
      } else {
        tn++;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "| %s%.2f%s | %d | %d | %d | %d | %.3f | %.3f | %.3f |%n",
        marked ? "**" : "",
        threshold,
        marked ? " (used)**" : "",
        tp,
        fp,
        fn,
        tn,
        tp / (double) (tp + fn),
        fp / (double) (fp + tn),
        tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp));
  }

  private static List<Double> sorted(
      List<Result> results,
      java.util.function.Predicate<Result> which,
      java.util.function.ToDoubleFunction<Result> value) {
    return results.stream().filter(which).map(value::applyAsDouble).sorted().toList();
  }

  private static void latencyRow(String name, List<Double> sorted) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.1f | %.1f | %.1f |%n",
        name,
        sorted.size(),
        BenchReport.percentile(sorted, 0.5),
        BenchReport.percentile(sorted, 0.95),
        sorted.isEmpty() ? Double.NaN : sorted.getLast());
  }
}
