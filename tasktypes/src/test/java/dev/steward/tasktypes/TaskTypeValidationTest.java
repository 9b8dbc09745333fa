package dev.steward.tasktypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.tasktypes.TaskTypeDefinition.Validation;
import dev.steward.tasktypes.TaskTypeDefinition.Validation.UnsupportedSentences;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code validation:} section of task type YAML, as the registry loads it. */
class TaskTypeValidationTest {

  private static final String FAQ =
      """
      name: faq
      maxRepairs: 1
      maxInputChars: 1000
      retrieval: {queryFields: [q], topK: 3, tokenBudget: 0}
      prompt: {id: faq, version: 1, system: s, user: "{{q}}"}
      inputSchema: {type: object, properties: {q: {type: string}, limit: {type: number}}}
      outputSchema:
        type: object
        properties: {answer: {type: string}, score: {type: number}, citations: {type: array}}
      """;

  @Test
  void loadsTheBundledValidationSections() {
    var registry = TaskTypeRegistry.bundled();

    Validation support = registry.get("support-answer").validation();
    assertThat(support.groundedFields()).containsExactly("answer");
    assertThat(support.unsupportedSentences()).isEqualTo(UnsupportedSentences.REPAIR);
    assertThat(support.groundingThreshold()).isEqualTo(0.6);

    Validation refund = registry.get("refund-decision").validation();
    assertThat(refund.groundedFields()).containsExactly("rationale");
    assertThat(refund.unsupportedSentences()).isEqualTo(UnsupportedSentences.FLAG);
    assertThat(registry.rules("refund-decision").names())
        .containsExactly(
            "refund-within-order-total", "refund-within-requested-amount", "deny-refunds-nothing");
  }

  @Test
  void aTypeWithoutTheSectionChecksSchemaAndCitationsOnly(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("faq.yaml"), FAQ);

    var registry = TaskTypeRegistry.load(dir);

    Validation none = registry.get("faq").validation();
    assertThat(none.groundedFields()).isEmpty();
    assertThat(none.unsupportedSentences()).isEqualTo(UnsupportedSentences.FLAG);
    assertThat(none.groundingThreshold()).isEqualTo(Validation.DEFAULT_GROUNDING_THRESHOLD);
    assertThat(registry.rules("faq").isEmpty()).isTrue();
  }

  @Test
  void loadsRulesFromAnExtraFolder(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("faq.yaml"),
        FAQ
            + """
            validation:
              groundedFields: [answer]
              groundingThreshold: 0.7
              rules:
                - name: score-within-limit
                  expression: output.score <= input.limit
                  message: score must not exceed the limit.
            """);

    var registry = TaskTypeRegistry.load(dir);

    assertThat(registry.get("faq").validation().groundingThreshold()).isEqualTo(0.7);
    var outcome =
        registry.rules("faq").check(java.util.Map.of("score", 3), java.util.Map.of("limit", 2));
    assertThat(outcome.violations())
        .singleElement()
        .extracting(v -> v.rule())
        .isEqualTo("score-within-limit");
  }

  @Test
  void anUnsafeRuleFailsTheRegistryAtLoad(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("faq.yaml"),
        FAQ
            + """
            validation:
              rules:
                - name: sneaky
                  expression: T(java.lang.Runtime).getRuntime().exec('id') != null
                  message: never.
            """);

    assertThatThrownBy(() -> TaskTypeRegistry.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task type 'faq', rule 'sneaky'")
        .hasMessageContaining("is not allowed in a rule");
  }

  @Test
  void aGroundedFieldMustBeATextFieldOfTheOutput(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("faq.yaml"), FAQ + "validation: {groundedFields: [score]}\n");

    assertThatThrownBy(() -> TaskTypeRegistry.load(dir))
        .hasMessageContaining("grounded field 'score' is not a string field");
  }

  @Test
  void aThresholdOutsideZeroToOneIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("faq.yaml"), FAQ + "validation: {groundingThreshold: 60}\n");

    assertThatThrownBy(() -> TaskTypeRegistry.load(dir))
        .hasMessageContaining("groundingThreshold must be between 0 and 1");
  }
}
