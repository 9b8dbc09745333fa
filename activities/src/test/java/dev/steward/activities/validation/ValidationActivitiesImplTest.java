package dev.steward.activities.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.steward.store.chunk.ChunkDocument;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.tasktypes.SchemaValidator;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.TaskStepTypes.ValidationRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ValidationActivitiesImplTest {

  private static final Map<String, Object> ORDER =
      Map.of(
          "orderId",
          "LG-20020020",
          "orderTotal",
          149.90,
          "requestedAmount",
          149.90,
          "reason",
          "The kettle arrived with a cracked lid",
          "daysSinceDelivery",
          2,
          "itemCondition",
          "damaged");

  private static GroundingCheck grounding;

  private final ChunkIndex chunks = mock(ChunkIndex.class);
  private final ValidationActivitiesImpl validation =
      new ValidationActivitiesImpl(
          TaskTypeRegistry.bundled(), new SchemaValidator(), chunks, grounding);

  @BeforeAll
  static void loadModel() {
    grounding = new GroundingCheck(new AllMiniLmL6V2EmbeddingModel());
  }

  @Test
  void acceptsAnAnswerCitingRetrievedPassages() {
    var verdict =
        validation.validateOutput(
            new ValidationRequest(
                "support-answer",
                Map.of("answer", "Five to seven business days.", "citations", List.of("c1")),
                List.of("c1", "c2"),
                false));

    assertThat(verdict.valid()).isTrue();
    assertThat(verdict.grounded()).isTrue();
    assertThat(verdict.errors()).isEmpty();
  }

  @Test
  void rejectsCitationsOfPassagesNotRetrieved() {
    var verdict =
        validation.validateOutput(
            new ValidationRequest(
                "support-answer",
                Map.of("answer", "Yes.", "citations", List.of("c1", "made-up")),
                List.of("c1"),
                false));

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.grounded()).isFalse();
    assertThat(verdict.errors()).singleElement().asString().contains("made-up");
  }

  @Test
  void reportsSchemaViolationsForRepair() {
    var verdict =
        validation.validateOutput(
            new ValidationRequest(
                "refund-decision",
                Map.of("decision", "maybe", "refundAmount", -3, "citations", List.of("c1")),
                List.of("c1"),
                false));

    assertThat(verdict.valid()).isFalse();
    assertThat(String.join("\n", verdict.errors()))
        .contains("decision")
        .contains("refundAmount")
        .contains("rationale");
  }

  @Test
  void anUncitedAnswerPassesOnlyWhenRetrievalFailedAndThePolicyAllowsIt() {
    Map<String, Object> uncited =
        Map.of("answer", "Please contact support.", "citations", List.of());

    var strict =
        validation.validateOutput(
            new ValidationRequest("support-answer", uncited, List.of(), false));
    var relaxed =
        validation.validateOutput(
            new ValidationRequest("support-answer", uncited, List.of(), true));

    assertThat(strict.valid()).isFalse();
    assertThat(relaxed.valid()).isTrue();
    assertThat(relaxed.grounded()).isFalse();
  }

  @Test
  void withoutATenantGroundingIsSkippedAndTheVerdictSaysSo() {
    var verdict =
        validation.validateOutput(
            new ValidationRequest(
                "support-answer",
                Map.of("answer", "Loyalty members get double points.", "citations", List.of("c1")),
                List.of("c1"),
                false));

    assertThat(verdict.valid()).isTrue();
    assertThat(verdict.unsupportedSentences()).isEmpty();
    assertThat(verdict.notes()).singleElement().asString().contains("grounding not checked");
    verify(chunks, never()).fetch(anyString(), any());
  }

  @Test
  void anAnswerTheCitedPassagesSupportIsValidAndGrounded() {
    passages();

    var verdict =
        validation.validateOutput(
            supportAnswer(
                "Once the warehouse has your return, expect your refund in five to seven business"
                    + " days.",
                "acme:refunds#1"));

    assertThat(verdict.valid()).isTrue();
    assertThat(verdict.grounded()).isTrue();
    assertThat(verdict.groundingScore()).isGreaterThan(0.6);
    assertThat(verdict.notes()).isEmpty();
    verify(chunks).fetch("acme", List.of("acme:refunds#1"));
  }

  @Test
  void anInventedSentenceGoesBackForRepairWhenTheTaskTypeSaysSo() {
    passages();

    var verdict =
        validation.validateOutput(
            supportAnswer(
                "Refunds are issued within 5-7 business days after the warehouse receives the"
                    + " item. Loyalty members get double points on returned items.",
                "acme:refunds#1"));

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.grounded()).isFalse();
    assertThat(verdict.unsupportedSentences())
        .containsExactly("Loyalty members get double points on returned items.");
    assertThat(verdict.errors())
        .singleElement()
        .asString()
        .contains("answer: the sentence \"Loyalty members get double points")
        .contains("not supported by the cited passages");
  }

  @Test
  void anUnsupportedRationaleIsOnlyFlaggedWhenTheTaskTypeSaysSo() {
    passages();

    var verdict =
        validation.validateOutput(
            refundDecision("refund", 149.90, "Refunds are always paid out in cash at our stores."));

    assertThat(verdict.valid()).isTrue();
    assertThat(verdict.grounded()).isFalse();
    assertThat(verdict.unsupportedSentences()).hasSize(1);
    assertThat(verdict.errors()).isEmpty();
  }

  @Test
  void aBrokenPolicyRuleGoesBackForRepairWithTheValuesItRead() {
    passages();

    var verdict =
        validation.validateOutput(
            refundDecision(
                "deny",
                149.90,
                "Deductions never apply to items that arrived damaged, are defective, or were sent"
                    + " by mistake."));

    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.ruleViolations()).containsExactly("deny-refunds-nothing");
    assertThat(verdict.errors())
        .singleElement()
        .asString()
        .startsWith("rule deny-refunds-nothing: a decision of deny must come with refundAmount 0")
        .contains("output.refundAmount = 149.9");
    assertThat(verdict.grounded()).isTrue();
  }

  @Test
  void rulesThatReadTheInputAreSkippedWhenTheRequestHasNone() {
    var verdict =
        validation.validateOutput(
            new ValidationRequest(
                "refund-decision",
                Map.of(
                    "decision",
                    "refund",
                    "refundAmount",
                    99_999,
                    "rationale",
                    "Damaged on arrival.",
                    "citations",
                    List.of("acme:partial#0")),
                List.of("acme:partial#0"),
                false));

    assertThat(verdict.valid()).isTrue();
    assertThat(verdict.notes())
        .anySatisfy(n -> assertThat(n).contains("rules not checked").contains("order-total"));
  }

  private void passages() {
    when(chunks.fetch(anyString(), any()))
        .thenAnswer(call -> {
          List<String> ids = call.getArgument(1);
          return ids.stream()
              .map(id ->
                  new ChunkDocument(
                      id,
                      id.substring(0, id.indexOf('#')),
                      call.getArgument(0),
                      "Help center",
                      0,
                      id.contains("refunds")
                          ? GroundingCheckTest.REFUND_TIMING
                          : GroundingCheckTest.PARTIAL_REFUNDS,
                      "hash",
                      null))
              .toList();
        });
  }

  private static ValidationRequest supportAnswer(String answer, String citation) {
    return new ValidationRequest(
        "support-answer",
        Map.of("answer", answer, "citations", List.of(citation)),
        List.of("acme:refunds#1", "acme:partial#0"),
        false,
        "acme",
        Map.of("question", "How long does a refund take?"));
  }

  private static ValidationRequest refundDecision(
      String decision, double amount, String rationale) {
    return new ValidationRequest(
        "refund-decision",
        Map.of(
            "decision",
            decision,
            "refundAmount",
            amount,
            "rationale",
            rationale,
            "citations",
            List.of("acme:partial#0")),
        List.of("acme:refunds#1", "acme:partial#0"),
        false,
        "acme",
        ORDER);
  }
}
