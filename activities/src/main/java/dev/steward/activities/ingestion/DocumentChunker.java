package dev.steward.activities.ingestion;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Splits a document into token-bounded chunks (paragraphs, then lines, sentences, words) sized for
 * all-MiniLM-L6-v2, which reads at most 256 word pieces. Deterministic: the same text always gives
 * the same chunks, so ingestion batches can re-derive them instead of passing them around.
 */
@Component
public class DocumentChunker {

  static final int MAX_TOKENS = 200;
  static final int OVERLAP_TOKENS = 30;

  private final DocumentSplitter splitter;

  public DocumentChunker(TokenCountEstimator tokens) {
    this.splitter = DocumentSplitters.recursive(MAX_TOKENS, OVERLAP_TOKENS, tokens);
  }

  public List<String> split(String text) {
    return splitter.split(Document.from(text)).stream().map(TextSegment::text).toList();
  }

  /** Chunk ids are unique across tenants, since two tenants may reuse a document id. */
  public static String chunkId(String tenant, String documentId, int position) {
    return tenant + ":" + documentId + "#" + position;
  }
}
