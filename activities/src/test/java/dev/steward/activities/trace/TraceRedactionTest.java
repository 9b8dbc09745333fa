package dev.steward.activities.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.activities.screening.ScreeningProperties;
import org.junit.jupiter.api.Test;

class TraceRedactionTest {

  private final TraceRedaction redaction = new TraceRedaction(new ScreeningProperties(null, null));

  @Test
  void replacesTheSamePersonalDataAsScreening() {
    assertThat(
            redaction.redact(
                "Mail jane.doe@example.com or call +1 415 555 2671; card 5500-0000-0000-0004,"
                    + " SSN 123-45-6789"))
        .isEqualTo("Mail [EMAIL_1] or call [PHONE_1]; card [CARD_1], SSN [US_SSN_1]");
  }

  @Test
  void leavesNullAndPlainTextAlone() {
    assertThat(redaction.redact(null)).isNull();
    assertThat(redaction.redact("The answer was too long.")).isEqualTo("The answer was too long.");
  }

  @Test
  void cutsLongTextsAfterRedactingThemSoNoHalfValueSurvives() {
    // The address straddles the cut: cutting first would leave "jane.doe@exam", which is no
    // longer recognised as an address.
    String text = "x".repeat(TraceRedaction.MAX_LENGTH - 10) + " jane.doe@example.com tail";

    String redacted = redaction.redact(text);

    assertThat(redacted).hasSize(TraceRedaction.MAX_LENGTH).endsWith("…");
    assertThat(redacted).doesNotContain("jane").doesNotContain("exam");
  }
}
