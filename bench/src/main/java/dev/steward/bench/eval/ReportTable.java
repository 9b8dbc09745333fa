package dev.steward.bench.eval;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/** Prints an {@link EvalReport} as Markdown tables: side by side, B − A, disagreements, verdict. */
public final class ReportTable {

  /** Disagreements printed; the JSON report has all of them. */
  static final int MAX_PRINTED_DISAGREEMENTS = 25;

  private ReportTable() {}

  public static void print(EvalReport report, PrintStream out) {
    VariantSummary a = report.a();
    VariantSummary b = report.b();
    out.printf(
        Locale.ROOT,
        "%n### Prompt evaluation: %s (%d items, %s, %.1f s)%n%n",
        report.dataset(),
        a.items(),
        Instant.ofEpochMilli(report.startedAtMillis()),
        report.durationMillis() / 1000.0);
    out.println("A: " + report.variantA() + "; models " + models(report, EvalReport.ItemResult::a));
    out.println("B: " + report.variantB() + "; models " + models(report, EvalReport.ItemResult::b));
    out.println();
    row(out, "metric", "A", "B", "B - A");
    out.printf("|%s|%s|%s|%s|%n", "-".repeat(28), "-".repeat(20), "-".repeat(20), "-".repeat(11));
    row(
        out,
        "counted / failed / blocked",
        a.counted() + " / " + a.draftFailed() + " / " + a.blocked(),
        b.counted() + " / " + b.draftFailed() + " / " + b.blocked(),
        "");
    for (Metric metric : Metric.values()) {
      row(
          out,
          metric.label(),
          rate(a.rate(metric)),
          rate(b.rate(metric)),
          signed(report.differences().get(metric.label()), "%+.3f"));
    }
    figure(
        out,
        report,
        "mean grounding score",
        a.meanGroundingScore(),
        b.meanGroundingScore(),
        "%.3f");
    figure(out, report, "tokens in (mean)", a.meanTokensIn(), b.meanTokensIn(), "%.1f");
    figure(out, report, "tokens out (mean)", a.meanTokensOut(), b.meanTokensOut(), "%.1f");
    figure(out, report, "cost USD (total)", a.totalCostUsd(), b.totalCostUsd(), "%.6f");
    figure(out, report, "draft latency p50 ms", a.latencyP50Millis(), b.latencyP50Millis(), "%.0f");
    figure(out, report, "draft latency p95 ms", a.latencyP95Millis(), b.latencyP95Millis(), "%.0f");
    out.printf(
        Locale.ROOT,
        "%nidentical outputs: %d of %d items drafted by both%n",
        report.identicalOutputs(),
        Math.min(a.counted(), b.counted()));

    List<EvalReport.Disagreement> disagreements = report.disagreements();
    out.printf(Locale.ROOT, "%ndisagreements: %d items%n", disagreements.size());
    if (!disagreements.isEmpty()) {
      out.printf("| %-24s | %-48s | %s |%n", "item", "changes (A -> B)", "B's first error");
      for (EvalReport.Disagreement d :
          disagreements.subList(0, Math.min(MAX_PRINTED_DISAGREEMENTS, disagreements.size()))) {
        out.printf(
            "| %-24s | %-48s | %s |%n",
            d.itemId(),
            String.join("; ", d.changes()),
            d.errorsB().isEmpty() ? "-" : abbreviate(d.errorsB().getFirst(), 100));
      }
      if (disagreements.size() > MAX_PRINTED_DISAGREEMENTS) {
        out.printf(
            "(%d more in the JSON report)%n", disagreements.size() - MAX_PRINTED_DISAGREEMENTS);
      }
    }

    LabelGate.GateVerdict verdict = report.verdict();
    out.printf("%nlabel gate: %s%nrule: %s%n", verdict.pass() ? "PASS" : "FAIL", verdict.rule());
    verdict.failures().forEach(f -> out.println("  - " + f));
  }

  private static void figure(
      PrintStream out, EvalReport report, String name, double a, double b, String format) {
    row(
        out,
        name,
        String.format(Locale.ROOT, format, a),
        String.format(Locale.ROOT, format, b),
        signed(report.differences().get(name), "%+" + format.substring(1)));
  }

  private static void row(PrintStream out, String metric, String a, String b, String diff) {
    out.printf("| %-26s | %18s | %18s | %9s |%n", metric, a, b, diff);
  }

  private static String rate(VariantSummary.Rate rate) {
    return rate.of() == 0
        ? "n/a"
        : String.format(Locale.ROOT, "%d/%d = %.3f", rate.hits(), rate.of(), rate.value());
  }

  private static String signed(Double value, String format) {
    return value == null || value.isNaN() ? "n/a" : String.format(Locale.ROOT, format, value);
  }

  private static String models(EvalReport report, Function<EvalReport.ItemResult, ItemScore> side) {
    TreeSet<String> models = new TreeSet<>();
    for (EvalReport.ItemResult item : report.items()) {
      ItemScore score = side.apply(item);
      if (score.provider() != null) {
        models.add(score.provider() + "/" + score.model());
      }
    }
    return models.isEmpty() ? "(none answered)" : String.join(", ", models);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "...";
  }
}
