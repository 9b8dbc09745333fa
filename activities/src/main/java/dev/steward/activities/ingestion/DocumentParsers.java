package dev.steward.activities.ingestion;

import dev.steward.store.document.DocumentFormat;
import dev.steward.store.document.DocumentSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Picks the parser for a stored source by its content type. */
@Component
public class DocumentParsers {

  private final Map<DocumentFormat, DocumentParser> parsers = new EnumMap<>(DocumentFormat.class);

  DocumentParsers(List<DocumentParser> parsers) {
    parsers.forEach(p -> this.parsers.put(p.format(), p));
  }

  /** All formats, for tests and tools that run without Spring. */
  public static DocumentParsers all() {
    return new DocumentParsers(
        List.of(new MarkdownParser(), new HtmlParser(), new PlainTextParser(), new PdfParser()));
  }

  /** Throws IllegalArgumentException for a format no parser reads, or content it cannot read. */
  public ParsedDocument parse(DocumentSource source) {
    DocumentFormat format =
        DocumentFormat.ofMediaType(source.contentType())
            .orElseThrow(() ->
                new IllegalArgumentException("unsupported content type " + source.contentType()));
    DocumentParser parser = parsers.get(format);
    if (parser == null) {
      throw new IllegalArgumentException("no parser for " + format.mediaType());
    }
    return parser.parse(source.content(), source.data());
  }
}
