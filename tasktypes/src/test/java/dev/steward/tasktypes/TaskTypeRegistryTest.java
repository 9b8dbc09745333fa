package dev.steward.tasktypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.workflows.task.ApprovalPolicy.ExpiryOutcome;
import dev.steward.workflows.task.UnknownTaskTypeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class TaskTypeRegistryTest {

  private final JsonMapper json = JsonMapper.builder().build();
  private final SchemaValidator schemas = new SchemaValidator();

  @Test
  void loadsBundledTypesWithTheirPolicies() {
    TaskTypeRegistry registry = TaskTypeRegistry.bundled();

    assertThat(registry.all())
        .extracting(TaskTypeDefinition::name)
        .containsExactly("refund-decision", "support-answer");
    var refund = registry.get("refund-decision").policy();
    assertThat(refund.approval().threshold()).isEqualTo(100);
    assertThat(refund.approval().sla()).isEqualTo(Duration.ofHours(24));
    assertThat(refund.approval().onExpiry()).isEqualTo(ExpiryOutcome.REJECT);
    assertThat(refund.approval().onHighRisk()).isFalse();
    assertThat(refund.approval().onUngrounded()).isTrue();
    assertThat(refund.approval().secondApproverAbove()).isEqualTo(1000.0);
    assertThat(refund.approval().remindAfter()).isEqualTo(Duration.ofHours(4));
    assertThat(refund.approval().escalateAfter()).isEqualTo(Duration.ofHours(12));
    assertThat(refund.approval().escalationRole()).isEqualTo("senior-approver");
    assertThat(refund.actionKind()).isEqualTo("issue-refund");
    var support = registry.get("support-answer").policy().approval();
    assertThat(support.amountField()).isNull();
    assertThat(support.onUngrounded()).isTrue();
    assertThat(support.onHighRisk()).isFalse();
    assertThat(support.reasonsFor(java.util.Map.of("answer", "x"), null, true)).isEmpty();
    assertThat(support.onExpiry()).isEqualTo(ExpiryOutcome.REJECT);
  }

  @Test
  void unknownTypeIsAPermanentError() {
    assertThatThrownBy(() -> TaskTypeRegistry.bundled().get("nope"))
        .isInstanceOf(UnknownTaskTypeException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void inputSchemaNamesEachViolation() {
    var type = TaskTypeRegistry.bundled().get("refund-decision");

    var violations =
        schemas.violations(
            type.inputSchema(),
            json.readTree(
                """
                {"orderId":"A-1","orderTotal":-5,"requestedAmount":10,"reason":"broken",
                 "daysSinceDelivery":3,"itemCondition":"lost","extra":1}\
                """));

    assertThat(violations)
        .anyMatch(v -> v.contains("orderTotal"))
        .anyMatch(v -> v.contains("itemCondition"))
        .anyMatch(v -> v.contains("extra"));
  }

  @Test
  void acceptsAConformingInput() {
    var type = TaskTypeRegistry.bundled().get("support-answer");

    assertThat(
            schemas.violations(
                type.inputSchema(), json.readTree("{\"question\":\"How long do refunds take?\"}")))
        .isEmpty();
  }

  @Test
  void extraFolderAddsAndOverridesTypes(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("faq.yaml"),
        """
        name: faq
        maxRepairs: 1
        maxInputChars: 1000
        retrieval: {queryFields: [q], topK: 3, tokenBudget: 0}
        prompt: {id: faq, version: 1, system: s, user: "{{q}}"}
        inputSchema: {type: object}
        outputSchema: {type: object}
        """);

    TaskTypeRegistry registry = TaskTypeRegistry.load(dir);

    assertThat(registry.find("faq")).isPresent();
    assertThat(registry.get("faq").modelTier()).isEqualTo("small");
    assertThat(registry.find("support-answer")).isPresent();
  }
}
