package dev.steward.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Uploads a corpus through {@code POST /v1/documents} and waits until every file is indexed. */
final class CorpusIngestion {

  /**
   * What one ingestion took: files, chunks indexed, wall time from first upload to last INDEXED.
   */
  record Stats(String corpus, int files, long bytes, int chunks, double seconds) {

    double chunksPerSecond() {
      return chunks / seconds;
    }
  }

  private CorpusIngestion() {}

  /** The document's indexed chunks once it is INDEXED; -1 before. */
  private static int chunksIfIndexed(StewardApi admin, CorpusDocument document) {
    JsonNode status = admin.documentStatus(document.documentId());
    String state = status.path("state").asString();
    if (state.equals("FAILED")) {
      throw new IllegalStateException(document.path() + " failed to index: " + status);
    }
    return state.equals("INDEXED") ? status.path("chunksIndexed").asInt() : -1;
  }

  static Stats ingest(StewardApi admin, BenchCorpus corpus, Duration timeout)
      throws InterruptedException {
    long started = System.nanoTime();
    for (CorpusDocument document : corpus.documents()) {
      admin.uploadDocument(document);
    }
    System.out.printf(
        "%s: %d files uploaded in %.1f s, waiting for indexing ...%n",
        corpus.name(), corpus.documents().size(), (System.nanoTime() - started) / 1e9);
    List<CorpusDocument> pending = new ArrayList<>(corpus.documents());
    int chunks = 0;
    long deadline = started + timeout.toNanos();
    long lastSweep = System.nanoTime();
    while (!pending.isEmpty()) {
      // The head of the list is polled often; a sweep over all of them now and then keeps the
      // progress line honest without flooding the API while it ingests.
      boolean sweep = System.nanoTime() - lastSweep > 10_000_000_000L;
      List<CorpusDocument> polled = sweep ? List.copyOf(pending) : List.of(pending.getFirst());
      for (CorpusDocument document : polled) {
        int indexed = chunksIfIndexed(admin, document);
        if (indexed >= 0) {
          chunks += indexed;
          pending.remove(document);
        }
      }
      if (sweep) {
        lastSweep = System.nanoTime();
        System.out.printf(
            "  %d/%d files indexed, %d chunks (%.0f s)%n",
            corpus.documents().size() - pending.size(),
            corpus.documents().size(),
            chunks,
            (lastSweep - started) / 1e9);
      }
      if (!pending.isEmpty() && System.nanoTime() > deadline) {
        throw new IllegalStateException(
            pending.getFirst().path() + " not indexed within " + timeout);
      }
      if (!sweep && !pending.isEmpty() && pending.getFirst() == polled.getFirst()) {
        Thread.sleep(200);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Stats stats =
        new Stats(corpus.name(), corpus.documents().size(), corpus.bytes(), chunks, seconds);
    System.out.printf(
        "%s: %d files, %d chunks indexed in %.1f s (%.1f chunks/s)%n",
        corpus.name(), stats.files(), chunks, seconds, stats.chunksPerSecond());
    return stats;
  }
}
