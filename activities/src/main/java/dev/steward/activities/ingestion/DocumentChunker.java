package dev.steward.activities.ingestion;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import dev.steward.activities.ingestion.ParsedDocument.Section;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Cuts a parsed document into chunks section by section, so that a heading stays with its text:
 * each chunk begins with its heading path ("Refunds › Timing"), then a token-bounded piece of the
 * section (paragraphs, then lines, sentences, words), the heading counted in the bound. Sized for
 * all-MiniLM-L6-v2, which reads at most 256 word pieces. Deterministic: the same document always
 * gives the same chunks, so ingestion batches re-derive them instead of passing them around.
 */
@Component
public class DocumentChunker {

  public static final String HEADING_SEPARATOR = " › ";

  /** Text left for the section's words never drops below this, however long the heading path. */
  private static final int MIN_BODY_TOKENS = 24;

  private final TokenCountEstimator tokens;
  private final int maxTokens;
  private final int overlapTokens;

  public DocumentChunker(TokenCountEstimator tokens, IngestionProperties properties) {
    this.tokens = tokens;
    this.maxTokens = properties.chunkTokens();
    this.overlapTokens = properties.overlapTokens();
  }

  public List<DocumentChunk> split(ParsedDocument document) {
    List<DocumentChunk> chunks = new ArrayList<>();
    for (Section section : document.sections()) {
      String heading = heading(section.headings());
      String prefix = heading.isEmpty() ? "" : heading + "\n";
      int budget = maxTokens - (prefix.isEmpty() ? 0 : tokens.estimateTokenCountInText(prefix));
      for (String piece : pieces(section.text(), prefix, budget)) {
        chunks.add(new DocumentChunk(heading, prefix + piece));
      }
    }
    return chunks;
  }

  /**
   * Splits the section's text to fit the budget; in the rare case where a piece and its heading
   * together tokenize longer than the sum of their parts, splits again with less room.
   */
  private List<String> pieces(String text, String prefix, int budget) {
    for (int room = budget; ; room -= 8) {
      int overlap = Math.min(overlapTokens, room / 2);
      List<String> pieces =
          DocumentSplitters.recursive(room, overlap, tokens).split(Document.from(text)).stream()
              .map(TextSegment::text)
              .toList();
      boolean fits =
          pieces.stream().allMatch(p -> tokens.estimateTokenCountInText(prefix + p) <= maxTokens);
      if (fits || room <= MIN_BODY_TOKENS) {
        return pieces;
      }
    }
  }

  /** The heading path, shortened from the outside in when it would leave too little room. */
  private String heading(List<String> headings) {
    List<String> path = new ArrayList<>(headings);
    String joined = String.join(HEADING_SEPARATOR, path);
    while (path.size() > 1 && tokens.estimateTokenCountInText(joined) > maxTokens / 3) {
      path.remove(0);
      joined = String.join(HEADING_SEPARATOR, path);
    }
    if (tokens.estimateTokenCountInText(joined) > maxTokens - MIN_BODY_TOKENS) {
      // One absurdly long heading: keep its start, by characters (a WordPiece token is >= 1).
      joined = joined.substring(0, Math.min(joined.length(), maxTokens / 3));
    }
    return joined;
  }

  /** Chunk ids are unique across tenants, since two tenants may reuse a document id. */
  public static String chunkId(String tenant, String documentId, int position) {
    return tenant + ":" + documentId + "#" + position;
  }
}
