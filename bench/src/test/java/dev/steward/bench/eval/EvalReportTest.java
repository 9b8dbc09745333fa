package dev.steward.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.bench.eval.EvalReport.ItemResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EvalReportTest {

  private static final Variant A = Variant.parse("A", "prompt=support-answer@1");
  private static final Variant B = Variant.parse("B", "prompt=support-answer@2");

  @Test
  void identicalVariantsShowNoDifferenceAndPass() {
    List<ItemResult> items =
        List.of(
            new ItemResult("q1", Scores.good("q1", 0.001), Scores.good("q1", 0.001)),
            new ItemResult("q2", Scores.good("q2", 0.001), Scores.good("q2", 0.001)));

    EvalReport report = EvalReport.of("dev-qa.jsonl", 0, 10, A, B, items, LabelGate.strict());

    assertThat(report.differences().values()).allMatch(d -> d == 0.0);
    assertThat(report.disagreements()).isEmpty();
    assertThat(report.identicalOutputs()).isEqualTo(2);
    assertThat(report.verdict().pass()).isTrue();
  }

  @Test
  void aVariantCitingUnretrievedPassagesShowsInEveryPartOfTheReport(@TempDir Path dir)
      throws Exception {
    List<ItemResult> items =
        List.of(
            new ItemResult("q1", Scores.good("q1", 0.001), Scores.badCitation("q1", 0.002)),
            new ItemResult("q2", Scores.good("q2", 0.001), Scores.good("q2", 0.002)));

    EvalReport report = EvalReport.of("tasks.jsonl", 0, 10, A, B, items, LabelGate.strict());

    assertThat(report.differences().get("citations within retrieved")).isEqualTo(-0.5);
    assertThat(report.differences().get("valid (all checks)")).isEqualTo(-0.5);
    assertThat(report.differences().get("cost USD (total)"))
        .isEqualTo(0.002, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(report.disagreements())
        .singleElement()
        .satisfies(d -> {
          assertThat(d.itemId()).isEqualTo("q1");
          assertThat(d.changes())
              .containsExactly(
                  "citations within retrieved: yes -> no",
                  "grounded: yes -> no",
                  "valid (all checks): yes -> no");
          assertThat(d.errorsB()).singleElement().asString().contains("not one of the retrieved");
        });
    assertThat(report.identicalOutputs()).isEqualTo(1);
    assertThat(report.verdict().pass()).isFalse();

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ReportTable.print(report, new PrintStream(printed, true, StandardCharsets.UTF_8));
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains(
            "| citations within retrieved |        2/2 = 1.000 |        1/2 = 0.500 |    -0.500 |")
        .contains("disagreements: 1 items")
        .contains("label gate: FAIL")
        .contains("citations within retrieved fell from 1.000 to 0.500");

    Path json = dir.resolve("eval/report.json");
    report.writeJson(json);
    JsonNode written = JsonMapper.builder().build().readTree(Files.readString(json));
    assertThat(written.path("verdict").path("pass").asBoolean()).isFalse();
    assertThat(written.path("a").path("rates").path("CITATIONS_CORRECT").path("hits").asInt())
        .isEqualTo(2);
    assertThat(written.path("items")).hasSize(2);
    assertThat(written.path("disagreements").get(0).path("itemId").asString()).isEqualTo("q1");
  }

  @Test
  void blockedItemsAreLeftOutOfTheRates() {
    List<ItemResult> items =
        List.of(
            new ItemResult("q1", Scores.good("q1", 0), Scores.good("q1", 0)),
            new ItemResult("q2", Scores.badCitation("q2", 0), Scores.badCitation("q2", 0)),
            new ItemResult("q3", Scoring.blocked("q3", "injection"), Scoring.blocked("q3", "x")));

    EvalReport report = EvalReport.of("d", 0, 1, A, B, items, LabelGate.strict());

    assertThat(report.a().blocked()).isEqualTo(1);
    assertThat(report.a().counted()).isEqualTo(2);
    assertThat(report.a().rate(Metric.VALID)).isEqualTo(new VariantSummary.Rate(1, 2));
    assertThat(report.verdict().pass()).isTrue();
  }
}
