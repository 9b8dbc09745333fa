package dev.steward.activities.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.steward.activities.validation.GroundingCheck.SentenceSupport;
import dev.steward.tasktypes.TaskTypeDefinition.Validation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grounding check with the real all-MiniLM-L6-v2, against passages of the demo help center. The
 * cases pin the default threshold: paraphrases clear it, invented claims and contradicted numbers
 * do not.
 */
class GroundingCheckTest {

  private static final double THRESHOLD = Validation.DEFAULT_GROUNDING_THRESHOLD;

  static final String REFUND_TIMING =
      """
      # Refund Methods and Timing

      ## When the refund is issued
      We issue your refund within **5–7 business days after the warehouse receives your item**. \
      The warehouse checks each returned item during that time. You get an email the day the \
      refund is issued, with the amount and any deductions.

      Refunds above $100 (or €100 on the EU store) are reviewed by a support lead before payment.
      """;

  static final String PARTIAL_REFUNDS =
      """
      # Partial Refunds

      ## When a refund is less than the full price
      After the warehouse checks the item, we may apply these deductions:

      - **Missing original packaging**: 15% of the item price.
      - **Missing parts, attachments or manuals**: up to 50% of the item price.

      Deductions never apply to items that arrived damaged, are defective, or were sent by mistake.
      """;

  private static GroundingCheck check;

  @BeforeAll
  static void loadModel() {
    check = new GroundingCheck(new AllMiniLmL6V2EmbeddingModel());
  }

  @Test
  void aParaphraseOfThePassageIsSupported() {
    SentenceSupport support =
        only(
            "Once the warehouse has your return, expect your refund in five to seven business days.");

    assertThat(support.support()).isGreaterThanOrEqualTo(THRESHOLD);
    assertThat(support.evidence()).contains("5–7 business days");
  }

  @Test
  void claimsSupportedInOtherWordsClearTheThreshold() {
    var grounding =
        check.check(
            List.of(
                "Refunds over $100 are reviewed by a support lead before they are paid. If the"
                    + " item is missing its original packaging, 15% of the price is deducted."
                    + " Damaged items are never subject to deductions."),
            List.of(REFUND_TIMING, PARTIAL_REFUNDS),
            List.of(),
            THRESHOLD);

    assertThat(grounding.sentences()).hasSize(3);
    assertThat(grounding.unsupported()).isEmpty();
    assertThat(grounding.score()).isGreaterThan(0.75);
  }

  @Test
  void aSentenceQuotedAcrossAListItemIsSupported() {
    SentenceSupport support =
        only(
            "After the warehouse checks the item, we may apply these deductions: Missing original"
                + " packaging: 15% of the item price.");

    assertThat(support.support()).isGreaterThan(0.9);
  }

  @Test
  void anInventedClaimIsFlagged() {
    var grounding =
        check.check(
            List.of(
                "Refunds are issued within 5-7 business days after the warehouse receives the"
                    + " item. Loyalty members get double points on returned items."),
            List.of(REFUND_TIMING, PARTIAL_REFUNDS),
            List.of(),
            THRESHOLD);

    assertThat(grounding.unsupported())
        .extracting(SentenceSupport::sentence)
        .containsExactly("Loyalty members get double points on returned items.");
    assertThat(grounding.score()).isLessThan(THRESHOLD + 0.2);
  }

  @Test
  void aNumberThePassageContradictsIsFlaggedThoughTheWordingMatches() {
    SentenceSupport faithful =
        only("Refunds are issued within 5-7 business days after the warehouse receives the item.");
    SentenceSupport contradicted =
        only("Refunds are issued within 3 business days after the warehouse receives the item.");
    SentenceSupport loose = only("We issue your refund within 3 days.");

    assertThat(faithful.support()).isGreaterThan(0.9);
    assertThat(contradicted.support()).isLessThan(THRESHOLD);
    assertThat(loose.support()).isLessThan(THRESHOLD);
    assertThat(only("Refunds above $500 are reviewed by a support lead.").support())
        .isLessThan(THRESHOLD);
  }

  @Test
  void aNumberFromTheTaskInputIsNotInvented() {
    String claim =
        "Deductions never apply to items that arrived damaged, so the 149.90 paid is refunded.";

    double withoutInput =
        check
            .check(List.of(claim), List.of(PARTIAL_REFUNDS), List.of(), THRESHOLD)
            .sentences()
            .getFirst()
            .support();
    double withInput =
        check
            .check(
                List.of(claim),
                List.of(PARTIAL_REFUNDS),
                Map.of("orderTotal", 149.9, "reason", "cracked lid").values(),
                THRESHOLD)
            .sentences()
            .getFirst()
            .support();

    assertThat(withoutInput).isZero();
    assertThat(withInput).isGreaterThan(withoutInput);
  }

  @Test
  void nothingToCheckIsFullySupported() {
    var grounding = check.check(List.of("", "  "), List.of(REFUND_TIMING), List.of(), THRESHOLD);

    assertThat(grounding.sentences()).isEmpty();
    assertThat(grounding.score()).isEqualTo(1);
  }

  @Test
  void contentWordsNormaliseNumbersAndInflections() {
    var words = ContentWords.of("Refunded within five days: $1,000.50 or 6.90, 5–7 shipping");

    assertThat(words.numbers()).containsExactlyInAnyOrder("5", "1000.5", "6.9", "7");
    assertThat(words.words()).contains("refund", "day", "ship").doesNotContain("within", "or");
  }

  private static SentenceSupport only(String sentence) {
    var grounding =
        check.check(
            List.of(sentence), List.of(REFUND_TIMING, PARTIAL_REFUNDS), List.of(), THRESHOLD);
    assertThat(grounding.sentences()).hasSize(1);
    return grounding.sentences().getFirst();
  }
}
