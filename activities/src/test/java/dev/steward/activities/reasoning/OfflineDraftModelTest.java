package dev.steward.activities.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.steward.activities.reasoning.DraftModel.DraftContext;
import dev.steward.tasktypes.TaskTypeRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The offline model with the real in-process embedding model: extractive and deterministic. */
class OfflineDraftModelTest {

  private static OfflineDraftModel model;
  private final TaskTypeRegistry types = TaskTypeRegistry.bundled();

  private static final List<Passage> PASSAGES =
      List.of(
          new Passage(
              "acme:shipping#0",
              "Shipping costs",
              "## Rates\nStandard shipping costs $5.95 in the US. Orders over $75 ship free."),
          new Passage(
              "acme:refunds#0",
              "Refund timing",
              "## When\nRefunds are issued 5-7 business days after the warehouse receives your"
                  + " item. Card refunds then take 3-5 business days to appear."));

  @BeforeAll
  static void loadModel() {
    model = new OfflineDraftModel(new AllMiniLmL6V2EmbeddingModel());
  }

  @Test
  void answersFromTheClosestPassageAndCitesIt() {
    var draft =
        model.draft(context("support-answer", Map.of("question", "When will I get my refund?")));

    assertThat(draft.provider()).isEqualTo("offline");
    assertThat(draft.output().get("answer").toString()).contains("5-7 business days");
    assertThat(draft.output().get("answer").toString()).doesNotContain("$5.95");
    assertThat(draft.output().get("citations")).isEqualTo(List.of("acme:refunds#0"));
  }

  @Test
  void quotesASentenceRepeatedByOverlappingChunksOnce() {
    var overlapping =
        List.of(
            new Passage("a#0", "Gift cards", "Gift cards never expire. They are final sale."),
            new Passage("a#1", "Gift cards", "They are final sale. Codes have 16 digits."));
    var type = types.get("support-answer");
    var input = Map.<String, Object>of("question", "Do gift cards expire?");

    var answer =
        model
            .draft(
                new DraftContext(
                    type,
                    "acme",
                    "small",
                    input,
                    "Do gift cards expire?",
                    overlapping,
                    PromptRenderer.render(type, input, overlapping, List.of()),
                    List.of(),
                    0.0,
                    0.0))
            .output()
            .get("answer")
            .toString();

    assertThat(answer.indexOf("They are final sale."))
        .isEqualTo(answer.lastIndexOf("They are final sale."));
  }

  @Test
  void isDeterministic() {
    var input = Map.<String, Object>of("question", "Is shipping free?");
    assertThat(model.draft(context("support-answer", input)).output())
        .isEqualTo(model.draft(context("support-answer", input)).output());
  }

  @Test
  void fillsEveryFieldOfARefundDecision() {
    Map<String, Object> input =
        Map.of(
            "orderId",
            "LG-1",
            "orderTotal",
            80.0,
            "requestedAmount",
            60.0,
            "reason",
            "arrived late and I want my money back",
            "daysSinceDelivery",
            2,
            "itemCondition",
            "unopened");

    var output = model.draft(context("refund-decision", input)).output();

    assertThat(output).containsKeys("decision", "refundAmount", "rationale", "citations");
    assertThat(output.get("decision")).isIn("refund", "partial_refund", "deny");
    assertThat(output.get("refundAmount")).isEqualTo(60.0);
    assertThat(output.get("rationale").toString()).isNotBlank();
  }

  @Test
  void withoutPassagesItCitesNothing() {
    var type = types.get("support-answer");
    var draft =
        model.draft(
            new DraftContext(
                type,
                "acme",
                "small",
                Map.of("question", "anything"),
                "anything",
                List.of(),
                PromptRenderer.render(type, Map.of("question", "anything"), List.of(), List.of()),
                List.of(),
                0.0,
                0.0));

    assertThat(draft.output().get("citations")).isEqualTo(List.of());
    assertThat(draft.output().get("answer")).isEqualTo(OfflineDraftModel.NO_EVIDENCE);
  }

  private DraftContext context(String typeName, Map<String, Object> input) {
    var type = types.get(typeName);
    String query = type.retrieval().queryText(input);
    return new DraftContext(
        type,
        "acme",
        "small",
        input,
        query,
        PASSAGES,
        PromptRenderer.render(type, input, PASSAGES, List.of()),
        List.of(),
        0.0,
        0.0);
  }
}
