package dev.steward.store.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TraceIndexNamesTest {

  @Test
  void aRecordGoesToTheIndexOfItsUtcDay() {
    assertThat(TraceIndexNames.forInstant(Instant.parse("2025-06-30T23:59:59.999Z")))
        .isEqualTo("steward-traces-2025.06.30");
    assertThat(TraceIndexNames.forInstant(Instant.parse("2025-07-01T00:00:00Z")))
        .isEqualTo("steward-traces-2025.07.01");
  }

  @Test
  void readsTheDayBackAndIgnoresOtherNames() {
    assertThat(TraceIndexNames.dayOf("steward-traces-2025.06.30"))
        .contains(LocalDate.of(2025, 6, 30));
    assertThat(TraceIndexNames.dayOf("steward-traces-latest")).isEmpty();
    assertThat(TraceIndexNames.dayOf("steward-tasks")).isEmpty();
    assertThat(TraceIndexNames.dayOf(null)).isEmpty();
  }

  @Test
  void anIndexIsOldOnlyOnceItsWholeDayIsBeforeTheCutoff() {
    String june30 = "steward-traces-2025.06.30";

    assertThat(TraceIndexNames.isOlderThan(june30, Instant.parse("2025-07-01T00:00:00Z"))).isTrue();
    assertThat(TraceIndexNames.isOlderThan(june30, Instant.parse("2025-06-30T23:59:59Z")))
        .as("records of 23:59:59.5 may still be younger than the cutoff")
        .isFalse();
    assertThat(TraceIndexNames.isOlderThan("steward-traces-other", Instant.MAX)).isFalse();
  }
}
