package dev.steward.observability.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.activities.screening.PiiRedactor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogRedactionTest {

  @AfterEach
  void defaults() {
    LogRedaction.use(null, true);
  }

  @Test
  void masksWithTheScreeningStepsDefaultRules() {
    assertThat(LogRedaction.mask("mail jane@example.com or IBAN DE89 3704 0044 0532 0130 00"))
        .isEqualTo("mail [EMAIL_1] or IBAN [IBAN_1]");
    assertThat(LogRedaction.mask("SSN 123-45-6789")).isEqualTo("SSN [US_SSN_1]");
  }

  @Test
  void checksOnlyTextsWithAnAtOrSixDigitsInARow() {
    assertThat(LogRedaction.mayHoldPersonalData("task acme.refund-2002 took 1532 ms")).isFalse();
    assertThat(LogRedaction.mayHoldPersonalData("retry 3 of 5 in 250 ms (12 waiting)")).isFalse();
    assertThat(LogRedaction.mayHoldPersonalData("write to a@b")).isTrue();
    assertThat(LogRedaction.mayHoldPersonalData("NINO AB 12 34 56 C")).isTrue();
    assertThat(LogRedaction.mayHoldPersonalData("call (415) 555-2671")).isTrue();
    assertThat(LogRedaction.mayHoldPersonalData("order 123456")).isTrue();
  }

  @Test
  void aDeploymentsOwnNationalIdsAreCheckedWithoutTheShortcut() {
    LogRedaction.use(
        new PiiRedactor(List.of(PiiRedactor.NationalId.of("CODE", "\\bK-[A-Z]{4}\\b")), List.of()),
        false);

    assertThat(LogRedaction.mask("member K-ABCD joined")).isEqualTo("member [CODE_1] joined");
  }

  @Test
  void leavesOrdinaryLinesAlone() {
    String line = "task acme.q-1001 finished DraftOutput in 1532 ms (attempt 2, 3 passages)";
    assertThat(LogRedaction.mask(line)).isEqualTo(line);
    assertThat(LogRedaction.mask(null)).isNull();
    assertThat(LogRedaction.mask("")).isEmpty();
  }

  @Test
  void withholdsRunsTooLongToBeAnyonesDataAndKeepsTheRest() {
    String hex = "0123456789abcdef".repeat(25_000);

    long started = System.nanoTime();
    String masked = LogRedaction.mask("payload " + hex + " from jane@example.com");

    assertThat(masked).isEqualTo("payload [400000 characters withheld] from [EMAIL_1]");
    assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    String atTheLimit = "x".repeat(LogRedaction.MAX_RUN);
    assertThat(LogRedaction.mask(atTheLimit)).isEqualTo(atTheLimit);
  }

  @Test
  void withholdsALineItCannotCheck() {
    // A deployment's national id pattern whose repetition recurses once per item: a long line of
    // short items overflows the regex engine's stack.
    LogRedaction.use(
        new PiiRedactor(List.of(PiiRedactor.NationalId.of("DEEP", "(?:a |b )*c")), List.of("US")),
        false);

    assertThat(LogRedaction.mask("a b ".repeat(100_000))).isEqualTo(LogRedaction.WITHHELD);
  }
}
