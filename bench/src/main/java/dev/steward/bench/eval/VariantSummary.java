package dev.steward.bench.eval;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One variant's scores over the dataset.
 *
 * @param counted items drafted or failed (not blocked): the denominator of the rates
 * @param rates share of the applicable items that passed each check
 * @param meanTokensIn prompt tokens per counted item, discarded calls included
 * @param totalCostUsd what the variant's drafts cost, as the price table priced them
 */
public record VariantSummary(
    String variant,
    int items,
    int counted,
    int draftFailed,
    int blocked,
    Map<Metric, Rate> rates,
    double meanGroundingScore,
    double meanTokensIn,
    double meanTokensOut,
    double totalCostUsd,
    double latencyP50Millis,
    double latencyP95Millis) {

  /** {@code hits} of {@code of} applicable items. */
  public record Rate(int hits, int of) {

    /** The share; NaN when no item applies. */
    public double value() {
      return of == 0 ? Double.NaN : (double) hits / of;
    }
  }

  public static VariantSummary of(String variant, List<ItemScore> scores) {
    List<ItemScore> counted = scores.stream().filter(ItemScore::counted).toList();
    Map<Metric, Rate> rates = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.values()) {
      List<ItemScore> applicable = scores.stream().filter(metric::applies).toList();
      rates.put(
          metric,
          new Rate((int) applicable.stream().filter(metric::passed).count(), applicable.size()));
    }
    List<Double> latencies =
        counted.stream().map(s -> (double) s.latencyMillis()).sorted().toList();
    return new VariantSummary(
        variant,
        scores.size(),
        counted.size(),
        (int) scores.stream().filter(s -> s.outcome() == ItemScore.Outcome.DRAFT_FAILED).count(),
        scores.size() - counted.size(),
        rates,
        counted.stream().mapToDouble(ItemScore::groundingScore).average().orElse(Double.NaN),
        counted.stream().mapToLong(ItemScore::tokensIn).average().orElse(Double.NaN),
        counted.stream().mapToLong(ItemScore::tokensOut).average().orElse(Double.NaN),
        counted.stream().mapToDouble(ItemScore::costUsd).sum(),
        percentile(latencies, 0.50),
        percentile(latencies, 0.95));
  }

  public Rate rate(Metric metric) {
    return rates.get(metric);
  }

  /** Nearest rank; NaN for no samples. */
  static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
  }
}
