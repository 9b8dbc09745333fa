package dev.steward.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.steward.store.model.ModelCallJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ModelCallRetentionTest {

  @Test
  void deletesTheEntriesRecordedBeforeTheRetentionPeriod() {
    ModelCallJournal journal = mock(ModelCallJournal.class);
    Instant now = Instant.parse("2026-11-27T12:00:00Z");
    long cutoff = Instant.parse("2026-10-23T12:00:00Z").toEpochMilli();
    when(journal.deleteRecordedBefore(cutoff)).thenReturn(3L);
    ModelCallRetention retention =
        new ModelCallRetention(journal, Duration.ofDays(35), Clock.fixed(now, ZoneOffset.UTC));

    assertThat(retention.sweep()).isEqualTo(3);
    verify(journal).deleteRecordedBefore(cutoff);
  }
}
