package dev.steward.store.trace;

import java.util.List;

/** One page of trace search results, newest first, and how many records match in all. */
public record TracePage(long total, int page, int size, List<TraceDocument> records) {

  public TracePage {
    records = List.copyOf(records);
  }
}
