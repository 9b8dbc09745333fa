package dev.steward.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bounds the history of each happy path, run against today's code, so that payload bloat (document
 * text, whole passages, unbounded lists in the state) fails the build. The bounds carry about 30%
 * headroom over the sizes measured when they were set (events / bytes of the recorder's JSON).
 */
class HistorySizeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // path, max events, max JSON bytes (measured: 52/39 kB, 80/60 kB, 71/36 kB, 53/27 kB; the
    // task paths grew by 14-16 events when the step became a search attribute, one upsert each,
    // and shrank by 14 when screening, prompt and validation became local activities)
    "task-support-answer-completed,  68, 51000",
    "task-refund-approved,           104, 79000",
    "ingestion-indexed-in-batches,   92, 48000",
    "reindex-completed,              70, 35000",
  })
  void happyPathHistoryStaysSmall(String path, int maxEvents, int maxBytes) {
    WorkflowExecutionHistory history = RecordedHistories.run(path);
    int bytes = history.toJson(true).getBytes(StandardCharsets.UTF_8).length;

    assertThat(history.getEvents()).as("events of %s", path).hasSizeLessThan(maxEvents);
    assertThat(bytes).as("JSON bytes of %s", path).isLessThan(maxBytes);
  }
}
