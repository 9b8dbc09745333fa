package dev.steward.bench.eval;

import java.util.function.Predicate;

/** The pass/fail checks a variant is scored on, each a share of the counted items. */
public enum Metric {
  SCHEMA_VALID("schema valid", ItemScore::schemaValid),
  CITATIONS_CORRECT("citations within retrieved", ItemScore::citationsCorrect),
  GROUNDED("grounded", ItemScore::grounded),
  VALID("valid (all checks)", ItemScore::valid),
  RETRIEVAL_HIT("retrieval hit", s -> Boolean.TRUE.equals(s.retrievalHit()));

  private final String label;
  private final Predicate<ItemScore> passed;

  Metric(String label, Predicate<ItemScore> passed) {
    this.label = label;
    this.passed = passed;
  }

  public String label() {
    return label;
  }

  public boolean passed(ItemScore score) {
    return passed.test(score);
  }

  /** Whether the item has a value for this metric: retrieval hits exist only with a reference. */
  public boolean applies(ItemScore score) {
    return score.counted() && (this != RETRIEVAL_HIT || score.retrievalHit() != null);
  }
}
