package dev.steward.bench.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * The evaluation harness's core, callable as a library: runs every item of a dataset through a
 * running Steward's steps once per variant (screen, retrieve or reuse the recorded passages, draft
 * with the variant, validate), scores both, and judges whether B may take A's label.
 */
public final class PromptEval {

  private final EvalSteps steps;
  private final PrintStream progress;

  private PromptEval(EvalSteps steps, PrintStream progress) {
    this.steps = steps;
    this.progress = progress;
  }

  /**
   * A harness over the steps of the Steward whose Spring context this is.
   *
   * @param progress where a line per ten items goes; null for silence
   */
  public static PromptEval on(ApplicationContext context, PrintStream progress) {
    return new PromptEval(new EvalSteps(context), progress);
  }

  /**
   * Compares the variants on the items.
   *
   * @param dataset how the report names the dataset (its file name)
   * @throws IllegalArgumentException before any draft when a variant names a missing prompt version
   */
  public EvalReport run(
      String dataset, List<EvalItem> items, Variant a, Variant b, LabelGate gate) {
    steps.checkPrompts(items, a);
    steps.checkPrompts(items, b);
    long startedAt = System.currentTimeMillis();
    // Screening and retrieval treat the item as a task of this id; no workflow ever has it.
    String run = "eval-" + UUID.randomUUID().toString().substring(0, 8);
    List<EvalReport.ItemResult> results = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      EvalItem item = items.get(i);
      EvalSteps.Prepared prepared = steps.prepare(item, item.tenant() + "." + run + "-" + (i + 1));
      // Every other item B drafts first, so that neither variant always meets warm caches.
      ItemScore scoreA;
      ItemScore scoreB;
      if (i % 2 == 0) {
        scoreA = steps.draft(prepared, a);
        scoreB = steps.draft(prepared, b);
      } else {
        scoreB = steps.draft(prepared, b);
        scoreA = steps.draft(prepared, a);
      }
      results.add(new EvalReport.ItemResult(item.id(), scoreA, scoreB));
      if (progress != null && ((i + 1) % 10 == 0 || i + 1 == items.size())) {
        progress.printf(Locale.ROOT, "eval: %d/%d items drafted by A and B%n", i + 1, items.size());
      }
    }
    return EvalReport.of(
        dataset, startedAt, System.currentTimeMillis() - startedAt, a, b, results, gate);
  }
}
