package dev.steward.activities.ingestion;

import java.util.List;

/** A document as its parser understood it: sections in reading order. */
public record ParsedDocument(List<Section> sections) {

  public ParsedDocument {
    sections = List.copyOf(sections);
  }

  /**
   * A run of text under one heading path.
   *
   * @param headings outermost first, e.g. ["Refunds", "Timing"]; empty before the first heading
   */
  public record Section(List<String> headings, String text) {
    public Section {
      headings = List.copyOf(headings);
    }
  }
}
