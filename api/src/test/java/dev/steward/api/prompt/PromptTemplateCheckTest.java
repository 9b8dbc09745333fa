package dev.steward.api.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.api.prompt.PromptBodies.NewVersion;
import dev.steward.tasktypes.TaskTypeRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptTemplateCheckTest {

  private final PromptTemplateCheck check = new PromptTemplateCheck(TaskTypeRegistry.bundled());

  @Test
  void findsTheTaskTypesOfAPrompt() {
    assertThat(check.taskTypeNames("support-answer")).containsExactly("support-answer");
    assertThat(check.taskTypeNames("no-such-prompt")).isEmpty();
    assertThat(check.promptIds()).contains("support-answer", "refund-decision");
  }

  @Test
  void acceptsTemplatesThatUseInputFieldsAndPassages() {
    var body =
        new NewVersion(
            "You answer for customer {{ customerId }}.", "{{passages}}\n\nQ: {{question}}", "v2");

    assertThatCode(() -> check.check(check.taskTypesUsing("support-answer"), body))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesVariablesTheTaskTypeCannotFill() {
    var body = new NewVersion("Hello {{tenantName}}.", "{{question}} {{orderTotal}}", null);

    ProblemException refused =
        catchThrowableOfType(
            ProblemException.class,
            () -> check.check(check.taskTypesUsing("support-answer"), body));

    assertThat(refused.problem()).isEqualTo(Problem.INVALID_REQUEST);
    assertThat(refused.getMessage()).contains("orderTotal", "tenantName");
    assertThat(refused.properties().get("unknownVariables"))
        .isEqualTo(Set.of("orderTotal", "tenantName"));
    assertThat(refused.properties().get("allowedVariables"))
        .isEqualTo(Set.of("customerId", "passages", "question"));
  }

  @Test
  void refusesMissingTemplatesAndSaysWhichOnes() {
    ProblemException refused =
        catchThrowableOfType(
            ProblemException.class,
            () ->
                check.check(check.taskTypesUsing("support-answer"), new NewVersion(" ", null, "")));

    assertThat(refused.properties().get("errors"))
        .isEqualTo(List.of("'system' is required", "'user' is required"));
  }

  @Test
  void variablesAreReadAsLangChain4jReadsThem() {
    assertThat(TemplateVariables.used("{{a}} {{ b }} {{a}} { {c} } {{d.e}}"))
        .containsExactly("a", "b", "d.e");
  }
}
