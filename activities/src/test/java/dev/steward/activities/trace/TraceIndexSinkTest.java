package dev.steward.activities.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.steward.activities.trace.TraceRecord.Kind;
import dev.steward.activities.trace.TraceRecord.Outcome;
import dev.steward.store.StoreUnavailableException;
import dev.steward.store.trace.TraceDocument;
import dev.steward.store.trace.TraceStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceIndexSinkTest {

  private final TraceStore store = mock(TraceStore.class);
  private final TraceIndexSink sink = new TraceIndexSink(store);

  private static TraceRecord record(String id) {
    return new TraceRecord(
        id,
        Kind.STEP,
        "acme.t1",
        "run-1",
        "acme",
        "support-answer",
        "ValidateOutput",
        1,
        null,
        "support-answer",
        2,
        "production",
        null,
        null,
        0,
        0,
        0,
        5,
        Map.of("valid", "false", "errors", "x".repeat(TraceDocument.MAX_TERM_VALUE + 1)),
        Outcome.OK,
        null,
        null,
        null,
        Instant.parse("2025-06-30T10:00:00Z"));
  }

  @Test
  void keepsRecordsWhileElasticsearchIsDownAndWritesThemInOrderWhenItIsBack() {
    List<String> writtenIds = new ArrayList<>();
    when(store.write(anyList()))
        .thenThrow(new StoreUnavailableException("down", new IOException("refused")))
        .thenAnswer(call -> {
          List<TraceDocument> batch = call.getArgument(0);
          batch.forEach(d -> writtenIds.add(d.id()));
          return List.of();
        });
    sink.record(record("a"));
    sink.record(record("b"));

    assertThat(sink.flush()).isFalse();
    assertThat(sink.pending()).isEqualTo(2);

    assertThat(sink.flush()).isTrue();
    assertThat(writtenIds).containsExactly("a", "b");
    assertThat(sink.pending()).isZero();
    assertThat(sink.written()).isEqualTo(2);
  }

  @Test
  void retriesOnlyTheRecordsElasticsearchRefusedForNow() {
    List<List<String>> batches = new ArrayList<>();
    when(store.write(anyList()))
        .thenAnswer(call -> {
          List<TraceDocument> batch = call.getArgument(0);
          batches.add(batch.stream().map(TraceDocument::id).toList());
          return batches.size() == 1 ? List.of(batch.get(1)) : List.of();
        });
    sink.record(record("a"));
    sink.record(record("b"));

    assertThat(sink.flush()).isFalse();
    assertThat(sink.flush()).isTrue();

    assertThat(batches).containsExactly(List.of("a", "b"), List.of("b"));
    assertThat(sink.written()).isEqualTo(2);
  }

  @Test
  void dropsTheOldestRecordsOnceTheBufferIsFull() {
    for (int i = 0; i < TraceIndexSink.CAPACITY + 3; i++) {
      sink.record(record("r" + i));
    }

    assertThat(sink.pending()).isEqualTo(TraceIndexSink.CAPACITY);
    assertThat(sink.dropped()).isEqualTo(3);
  }

  @Test
  void storesVerdictsAndOnlyShortOnesAsSearchTerms() {
    TraceDocument d = TraceIndexSink.toDocument(record("a"));

    assertThat(d.kind()).isEqualTo("STEP");
    assertThat(d.outcome()).isEqualTo("OK");
    assertThat(d.promptVersion()).isEqualTo(2);
    assertThat(d.verdicts()).containsKeys("valid", "errors");
    assertThat(d.verdictTerms()).containsExactly("valid=false");
  }
}
