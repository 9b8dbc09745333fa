package dev.steward.activities.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.steward.activities.ingestion.ParsedDocument.Section;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentChunkerTest {

  private static final String SENTENCE =
      "Returns are accepted within thirty days of delivery when the item is unused. ";

  private final HuggingFaceTokenCountEstimator tokens = new HuggingFaceTokenCountEstimator();
  private final DocumentChunker chunker =
      new DocumentChunker(tokens, IngestionProperties.defaults());

  private static ParsedDocument longDocument() {
    return new ParsedDocument(
        List.of(
            new Section(List.of(), "Larkspur Goods help center."),
            new Section(List.of("Refunds", "Timing"), (SENTENCE.repeat(12) + "\n\n").repeat(4)),
            new Section(List.of("Refunds", "Methods"), "Refunds go back to the original card.")));
  }

  @Test
  void keepsEachHeadingPathWithItsText() {
    List<DocumentChunk> chunks = chunker.split(longDocument());

    assertThat(chunks.get(0)).isEqualTo(new DocumentChunk("", "Larkspur Goods help center."));
    List<DocumentChunk> timing =
        chunks.stream().filter(c -> c.section().equals("Refunds › Timing")).toList();
    assertThat(timing).hasSizeGreaterThan(2);
    assertThat(timing).allSatisfy(c -> assertThat(c.text()).startsWith("Refunds › Timing\n"));
    assertThat(chunks.getLast())
        .isEqualTo(
            new DocumentChunk(
                "Refunds › Methods", "Refunds › Methods\nRefunds go back to the original card."));
  }

  @Test
  void keepsChunksWithinTheTokenBoundHeadingIncludedAndIsDeterministic() {
    DocumentChunker small = new DocumentChunker(tokens, new IngestionProperties(64, 8));
    ParsedDocument document =
        new ParsedDocument(
            List.of(
                new Section(
                    List.of("A rather long chapter heading about returns", "Exceptions and cases"),
                    SENTENCE.repeat(40))));

    List<DocumentChunk> chunks = small.split(document);

    assertThat(chunks).hasSizeGreaterThan(5);
    assertThat(chunks)
        .allSatisfy(
            c -> assertThat(tokens.estimateTokenCountInText(c.text())).isLessThanOrEqualTo(64));
    assertThat(small.split(document)).isEqualTo(chunks);
    assertThat(chunker.split(longDocument())).isEqualTo(chunker.split(longDocument()));
  }

  @Test
  void honoursTheOverlapSetting() {
    String text =
        String.join(
            " ", java.util.stream.IntStream.range(0, 300).mapToObj(i -> "word" + i + ".").toList());
    ParsedDocument document = new ParsedDocument(List.of(new Section(List.of(), text)));

    List<DocumentChunk> without =
        new DocumentChunker(tokens, new IngestionProperties(60, 0)).split(document);
    List<DocumentChunk> with =
        new DocumentChunker(tokens, new IngestionProperties(60, 20)).split(document);

    assertThat(sharedWords(without.get(0).text(), without.get(1).text())).isZero();
    assertThat(sharedWords(with.get(0).text(), with.get(1).text())).isGreaterThan(2);
    assertThat(with).hasSizeGreaterThan(without.size());
  }

  private static long sharedWords(String first, String second) {
    List<String> firstWords = List.of(first.split("\\s+"));
    return java.util.Arrays.stream(second.split("\\s+")).filter(firstWords::contains).count();
  }

  @Test
  void chunkIdsAreScopedByTenant() {
    assertThat(DocumentChunker.chunkId("acme", "faq", 2))
        .isNotEqualTo(DocumentChunker.chunkId("globex", "faq", 2))
        .isEqualTo("acme:faq#2");
  }
}
