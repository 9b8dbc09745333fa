package dev.steward.bench.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When B may take A's label: on the same items, B's share of schema-valid, correctly cited,
 * grounded and valid outputs is each at least A's minus {@code tolerance}; and, when {@code
 * maxCostRatio} is set, B costs at most that many times A. Latency and tokens are reported but not
 * gated: on a shared machine they vary run to run, and a cost limit covers what tokens cost.
 *
 * @param tolerance how far below A's share B's may fall on a gated check, 0..1 (0.05 = five points)
 * @param maxCostRatio highest allowed ratio of B's total cost to A's; 0 for no cost check
 */
public record LabelGate(double tolerance, double maxCostRatio) {

  /** The checks the gate holds B to. */
  public static final List<Metric> GATED =
      List.of(Metric.SCHEMA_VALID, Metric.CITATIONS_CORRECT, Metric.GROUNDED, Metric.VALID);

  /** Floating point slack, so that equal shares never differ by a rounding error. */
  private static final double EPSILON = 1e-9;

  public LabelGate {
    if (tolerance < 0 || tolerance > 1) {
      throw new IllegalArgumentException("tolerance must be between 0 and 1, got " + tolerance);
    }
    if (maxCostRatio < 0) {
      throw new IllegalArgumentException("maxCostRatio must be 0 (off) or more");
    }
  }

  /** No regression at all on the gated checks, cost not checked. */
  public static LabelGate strict() {
    return new LabelGate(0, 0);
  }

  /** The rule in words, as the report prints it. */
  public String rule() {
    String rule =
        String.format(
            Locale.ROOT,
            "B may take A's label when B's share of %s is each >= A's - %.3f",
            String.join(", ", GATED.stream().map(Metric::label).toList()),
            tolerance);
    return maxCostRatio > 0
        ? rule + String.format(Locale.ROOT, ", and B's total cost <= %.2f x A's", maxCostRatio)
        : rule;
  }

  public GateVerdict judge(VariantSummary a, VariantSummary b) {
    List<String> failures = new ArrayList<>();
    if (a.counted() == 0 || b.counted() == 0) {
      failures.add("no item was drafted by both variants: nothing to compare");
      return new GateVerdict(false, rule(), failures);
    }
    for (Metric metric : GATED) {
      double before = a.rate(metric).value();
      double after = b.rate(metric).value();
      if (after < before - tolerance - EPSILON) {
        failures.add(
            String.format(
                Locale.ROOT,
                "%s fell from %.3f to %.3f (%+.3f; tolerance %.3f)",
                metric.label(),
                before,
                after,
                after - before,
                tolerance));
      }
    }
    if (maxCostRatio > 0 && b.totalCostUsd() > a.totalCostUsd() * maxCostRatio + EPSILON) {
      failures.add(
          String.format(
              Locale.ROOT,
              "cost rose from $%.6f to $%.6f (more than %.2f x)",
              a.totalCostUsd(),
              b.totalCostUsd(),
              maxCostRatio));
    }
    return new GateVerdict(failures.isEmpty(), rule(), failures);
  }

  /**
   * The gate's answer.
   *
   * @param failures each check B failed, in words; empty when it passed
   */
  public record GateVerdict(boolean pass, String rule, List<String> failures) {

    public GateVerdict {
      failures = List.copyOf(failures);
    }

    /** The process exit status for CI: 0 when the label may move, 1 when it may not. */
    public int exitStatus() {
      return pass ? 0 : 1;
    }
  }
}
