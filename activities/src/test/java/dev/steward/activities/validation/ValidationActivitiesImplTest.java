package dev.steward.activities.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.tasktypes.SchemaValidator;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.TaskStepTypes.ValidationRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationActivitiesImplTest {

  private final ValidationActivitiesImpl validation =
      new ValidationActivitiesImpl(TaskTypeRegistry.bundled(), new SchemaValidator());

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
}
