package dev.steward.bench.eval;

import java.util.List;
import java.util.Map;

/** Item scores for tests, with only what a test varies. */
final class Scores {

  private Scores() {}

  /** A scored item passing every check, costing {@code cost}. */
  static ItemScore good(String id, double cost) {
    return of(id, true, true, true, true, cost, Map.of("answer", "ok " + id));
  }

  /** A scored item whose citations name a passage it was not given. */
  static ItemScore badCitation(String id, double cost) {
    return of(id, true, false, false, false, cost, Map.of("answer", "bad " + id));
  }

  static ItemScore of(
      String id,
      boolean schema,
      boolean citations,
      boolean grounded,
      boolean valid,
      double cost,
      Map<String, Object> output) {
    return new ItemScore(
        id,
        ItemScore.Outcome.SCORED,
        schema,
        citations,
        grounded,
        valid,
        grounded ? 0.9 : 0.2,
        true,
        3,
        "support-answer@1",
        "local",
        "local-small",
        800,
        40,
        cost,
        20,
        List.of(),
        valid ? List.of() : List.of("citation 'x#1' is not one of the retrieved passages"),
        output);
  }
}
