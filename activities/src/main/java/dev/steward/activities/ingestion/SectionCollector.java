package dev.steward.activities.ingestion;

import dev.steward.activities.ingestion.ParsedDocument.Section;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Builds sections while a parser walks a document: headings open sections (a heading of level n
 * closes those of level n and deeper), text goes to the open one.
 */
final class SectionCollector {

  private record Heading(int level, String title) {}

  private final Deque<Heading> path = new ArrayDeque<>();
  private final List<Section> sections = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  void heading(int level, String title) {
    flush();
    while (!path.isEmpty() && path.peekLast().level() >= level) {
      path.removeLast();
    }
    String clean = title.strip().replaceAll("\\s+", " ");
    if (!clean.isEmpty()) {
      path.addLast(new Heading(level, clean));
    }
  }

  /** Appends a block of text (a paragraph, list item, cell...) to the open section. */
  void block(String block) {
    String clean = block.strip();
    if (!clean.isEmpty()) {
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      text.append(clean);
    }
  }

  ParsedDocument finish() {
    flush();
    return new ParsedDocument(sections);
  }

  private void flush() {
    String body = text.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
    if (!body.isBlank()) {
      sections.add(new Section(path.stream().map(Heading::title).toList(), body.strip()));
    }
    text.setLength(0);
  }
}
