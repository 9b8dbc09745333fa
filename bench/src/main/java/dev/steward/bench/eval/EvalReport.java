package dev.steward.bench.eval;

import dev.steward.bench.eval.LabelGate.GateVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outcome of comparing two variants on one dataset: each variant's scores, B − A, the items on
 * which they disagree, and whether B may take A's label.
 *
 * @param differences B − A per reported figure, by the name the report prints
 * @param identicalOutputs items on which both variants produced exactly the same output
 * @param items both variants' scores on every item, in dataset order
 */
public record EvalReport(
    String dataset,
    long startedAtMillis,
    long durationMillis,
    String variantA,
    String variantB,
    VariantSummary a,
    VariantSummary b,
    Map<String, Double> differences,
    List<Disagreement> disagreements,
    int identicalOutputs,
    GateVerdict verdict,
    List<ItemResult> items) {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** Both variants' scores on one item. */
  public record ItemResult(String itemId, ItemScore a, ItemScore b) {}

  /**
   * An item the variants judged differently.
   *
   * @param changes each check that differs, as {@code grounded: yes -> no}
   * @param errorsA A's validation errors, or why its draft failed
   * @param errorsB B's validation errors, or why its draft failed
   */
  public record Disagreement(
      String itemId, List<String> changes, List<String> errorsA, List<String> errorsB) {}

  public static EvalReport of(
      String dataset,
      long startedAtMillis,
      long durationMillis,
      Variant variantA,
      Variant variantB,
      List<ItemResult> items,
      LabelGate gate) {
    VariantSummary a =
        VariantSummary.of(variantA.name(), items.stream().map(ItemResult::a).toList());
    VariantSummary b =
        VariantSummary.of(variantB.name(), items.stream().map(ItemResult::b).toList());
    List<Disagreement> disagreements = new ArrayList<>();
    int identical = 0;
    for (ItemResult item : items) {
      List<String> changes = changes(item.a(), item.b());
      if (!changes.isEmpty()) {
        disagreements.add(
            new Disagreement(item.itemId(), changes, item.a().errors(), item.b().errors()));
      }
      if (item.a().output() != null && Objects.equals(item.a().output(), item.b().output())) {
        identical++;
      }
    }
    return new EvalReport(
        dataset,
        startedAtMillis,
        durationMillis,
        variantA.describe(),
        variantB.describe(),
        a,
        b,
        differences(a, b),
        disagreements,
        identical,
        gate.judge(a, b),
        items);
  }

  /** B − A of every figure the report prints side by side. */
  static Map<String, Double> differences(VariantSummary a, VariantSummary b) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Metric metric : Metric.values()) {
      out.put(metric.label(), b.rate(metric).value() - a.rate(metric).value());
    }
    out.put("mean grounding score", b.meanGroundingScore() - a.meanGroundingScore());
    out.put("tokens in (mean)", b.meanTokensIn() - a.meanTokensIn());
    out.put("tokens out (mean)", b.meanTokensOut() - a.meanTokensOut());
    out.put("cost USD (total)", b.totalCostUsd() - a.totalCostUsd());
    out.put("draft latency p50 ms", b.latencyP50Millis() - a.latencyP50Millis());
    out.put("draft latency p95 ms", b.latencyP95Millis() - a.latencyP95Millis());
    return out;
  }

  /** The checks on which two scores of one item differ. */
  static List<String> changes(ItemScore a, ItemScore b) {
    List<String> changes = new ArrayList<>();
    if (a.outcome() != b.outcome()) {
      changes.add("outcome: " + a.outcome() + " -> " + b.outcome());
    }
    for (Metric metric : LabelGate.GATED) {
      boolean before = metric.passed(a);
      boolean after = metric.passed(b);
      if (before != after) {
        changes.add(metric.label() + ": " + yesNo(before) + " -> " + yesNo(after));
      }
    }
    return changes;
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }

  /** Writes the report as indented JSON, creating the folder. */
  public void writeJson(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, JSON.writeValueAsString(this));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
