package dev.steward.activities.ingestion;

import dev.steward.store.document.DocumentFormat;
import org.springframework.stereotype.Component;

/** Plain text has no headings: one section, paragraphs as they are. */
@Component
class PlainTextParser implements DocumentParser {

  @Override
  public DocumentFormat format() {
    return DocumentFormat.PLAIN_TEXT;
  }

  @Override
  public ParsedDocument parse(String text, byte[] data) {
    SectionCollector sections = new SectionCollector();
    sections.block(text == null ? "" : text);
    return sections.finish();
  }
}
