package dev.steward.activities.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputScreenTest {

  @Test
  void acceptsAnOrdinaryQuestion() {
    assertThat(InputScreen.limitFindings(InputScreen.text(Map.of("question", "How long?")), 1000))
        .isEmpty();
  }

  @Test
  void namesTheSizeLimit() {
    assertThat(InputScreen.limitFindings("x".repeat(50), 20))
        .singleElement()
        .asString()
        .contains("limit is 20");
  }

  @Test
  void blocksControlCharactersAndBrokenUnicode() {
    assertThat(InputScreen.limitFindings("hello\u0000world", 1000)).isNotEmpty();
    assertThat(InputScreen.limitFindings("broken \uD800 surrogate", 1000)).isNotEmpty();
    assertThat(InputScreen.limitFindings("emoji 🙂 is fine\n", 1000)).isEmpty();
  }

  @Test
  void readsNestedValues() {
    assertThat(InputScreen.text(Map.of("order", Map.of("notes", List.of("a", "b")))))
        .isEqualTo("a\nb\n");
  }
}
