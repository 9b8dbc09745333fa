package dev.steward.activities.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.activities.prompt.PromptText;
import dev.steward.tasktypes.TaskTypeRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptRendererTest {

  private final TaskTypeRegistry types = TaskTypeRegistry.bundled();
  private final List<Passage> passages =
      List.of(new Passage("acme:gift#0", "Gift cards", "Gift cards never expire."));

  @Test
  void rendersThePinnedVersionAndSaysWhichItIs() {
    var text =
        new PromptText(
            "support-answer",
            2,
            "canary",
            "Version two. Customer {{customerId}} asks.",
            "Q: {{question}}\n{{passages}}");

    RenderedPrompt prompt =
        PromptRenderer.render(
            text,
            types.get("support-answer"),
            Map.of("question", "Do gift cards expire?", "customerId", "c-42"),
            passages,
            List.of());

    assertThat(prompt.promptId()).isEqualTo("support-answer");
    assertThat(prompt.version()).isEqualTo(2);
    assertThat(prompt.label()).isEqualTo("canary");
    assertThat(prompt.system()).isEqualTo("Version two. Customer c-42 asks.");
    assertThat(prompt.user())
        .isEqualTo("Q: Do gift cards expire?\n[acme:gift#0] Gift cards\nGift cards never expire.");
  }

  @Test
  void anOptionalFieldTheInputLacksRendersEmpty() {
    var text = new PromptText("support-answer", 2, "canary", "For {{customerId}}.", "{{question}}");

    RenderedPrompt prompt =
        PromptRenderer.render(
            text,
            types.get("support-answer"),
            Map.of("question", "Do gift cards expire?"),
            passages,
            List.of());

    assertThat(prompt.system()).isEqualTo("For .");
  }

  @Test
  void theBundledTemplateRendersAsBeforeWithoutALabel() {
    var type = types.get("support-answer");

    RenderedPrompt prompt =
        PromptRenderer.render(
            type, Map.of("question", "Do gift cards expire?"), passages, List.of("no citations"));

    assertThat(prompt.promptId()).isEqualTo("support-answer");
    assertThat(prompt.version()).isEqualTo(type.prompt().version());
    assertThat(prompt.label()).isNull();
    assertThat(prompt.system()).isEqualTo(type.prompt().system());
    assertThat(prompt.user())
        .startsWith("Passages:\n[acme:gift#0] Gift cards")
        .contains("Question: Do gift cards expire?")
        .endsWith("fix them:\n- no citations");
  }
}
