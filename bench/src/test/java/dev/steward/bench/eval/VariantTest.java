package dev.steward.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VariantTest {

  @Test
  void readsAPromptVersionAndATier() {
    Variant v = Variant.parse("B", "prompt=support-answer@2, tier=strong");

    assertThat(v).isEqualTo(new Variant("B", "support-answer", "2", "strong"));
    assertThat(v.describe()).isEqualTo("prompt support-answer@2, tier strong");
  }

  @Test
  void leavesWhatItDoesNotNameToTheTaskType() {
    assertThat(Variant.parse("A", "tier=small")).isEqualTo(new Variant("A", null, null, "small"));
    assertThat(Variant.parse("A", "prompt=support-answer"))
        .isEqualTo(new Variant("A", "support-answer", null, null));
    assertThat(Variant.parse("A", "prompt=support-answer@canary").promptSelector())
        .isEqualTo("canary");
  }

  @Test
  void refusesSpecsItCannotRead() {
    assertThatThrownBy(() -> Variant.parse("A", "model=gpt"))
        .hasMessageContaining("unknown key 'model'");
    assertThatThrownBy(() -> Variant.parse("A", "prompt=@2"))
        .hasMessageContaining("prompt must be");
    assertThatThrownBy(() -> Variant.parse("A", "tier=")).hasMessageContaining("tier must be");
    assertThatThrownBy(() -> Variant.parse("A", " ")).hasMessageContaining("is empty");
  }
}
