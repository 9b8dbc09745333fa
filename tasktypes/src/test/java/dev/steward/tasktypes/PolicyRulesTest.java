package dev.steward.tasktypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.tasktypes.PolicyRules.Violation;
import dev.steward.tasktypes.TaskTypeDefinition.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyRulesTest {

  private static final Map<String, Object> ORDER =
      Map.of("orderId", "LG-1", "orderTotal", 149.90, "requestedAmount", 100);

  private final PolicyRules refundRules = TaskTypeRegistry.bundled().rules("refund-decision");

  @Test
  void aRefundWithinThePolicyBreaksNoRule() {
    var outcome = refundRules.check(refund("refund", 100), ORDER);

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.unchecked()).isEmpty();
  }

  @Test
  void aRefundAboveTheOrderTotalBreaksTheOrderTotalRule() {
    var outcome =
        refundRules.check(
            refund("refund", 180), Map.of("orderTotal", 149.90, "requestedAmount", 500));

    assertThat(outcome.violations())
        .extracting(Violation::rule)
        .containsExactly("refund-within-order-total");
    assertThat(outcome.violations().getFirst().message())
        .contains("must not exceed the order total")
        .contains("output.refundAmount = 180")
        .contains("input.orderTotal = 149.9");
  }

  @Test
  void aRefundAboveTheRequestedAmountBreaksTheRequestedAmountRule() {
    var outcome = refundRules.check(refund("partial_refund", 120.5), ORDER);

    assertThat(outcome.violations())
        .extracting(Violation::rule)
        .containsExactly("refund-within-requested-amount");
  }

  @Test
  void aDenialMustRefundNothing() {
    assertThat(refundRules.check(refund("deny", 40), ORDER).violations())
        .extracting(Violation::rule)
        .containsExactly("deny-refunds-nothing");
    assertThat(refundRules.check(refund("deny", 0), ORDER).violations()).isEmpty();
    assertThat(refundRules.check(refund("deny", 0.0), ORDER).violations()).isEmpty();
  }

  @Test
  void rulesReadingTheInputAreUncheckedWithoutIt() {
    var outcome = refundRules.check(refund("deny", 40), null);

    assertThat(outcome.unchecked())
        .containsExactly("refund-within-order-total", "refund-within-requested-amount");
    assertThat(outcome.violations())
        .extracting(Violation::rule)
        .containsExactly("deny-refunds-nothing");
  }

  @Test
  void aMissingFieldIsReportedNotThrown() {
    var outcome = refundRules.check(Map.of("decision", "refund"), ORDER);

    assertThat(outcome.violations())
        .allSatisfy(v -> assertThat(v.message()).contains("cannot be checked"))
        .hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "T(java.lang.Runtime).getRuntime().exec('touch /tmp/pwned') == null",
        "T(java.lang.System).exit(1) == null",
        "new java.io.File('/etc/passwd').exists()",
        "output.decision.getClass().forName('java.lang.Runtime') != null",
        "output.decision.length() > 0",
        "@someBean.refund() == 0",
        "#root.output != null",
        "#this != null",
        "(output.refundAmount = 0) == 0",
        "output.decision matches '(a+)+$'",
        "output.citations.?[true] != null",
        "output.citations[0] != null",
      })
  void refusesEverythingButFieldReadsAndOperatorsAtLoad(String expression) {
    assertThatThrownBy(() -> compileRefundRule(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task type 'refund-decision', rule 'r'");
  }

  @Test
  void refusesFieldsTheSchemasDoNotDefine() {
    assertThatThrownBy(() -> compileRefundRule("output.refund <= input.orderTotal"))
        .hasMessageContaining("output.refund, which the output schema does not define");
    assertThatThrownBy(() -> compileRefundRule("refundAmount <= 10"))
        .hasMessageContaining("must be written output.refundAmount or input.refundAmount");
  }

  @Test
  void refusesAnExpressionThatDoesNotParse() {
    assertThatThrownBy(() -> compileRefundRule("output.refundAmount <="))
        .hasMessageContaining("cannot parse 'output.refundAmount <='");
  }

  private static Map<String, Object> refund(String decision, Number amount) {
    return Map.of(
        "decision", decision, "refundAmount", amount, "rationale", "r", "citations", List.of("c1"));
  }

  private static PolicyRules compileRefundRule(String expression) {
    TaskTypeDefinition refund = TaskTypeRegistry.bundled().get("refund-decision");
    return PolicyRules.compile(
        refund.name(),
        List.of(new Rule("r", expression, "must hold")),
        refund.inputSchema(),
        refund.outputSchema());
  }
}
