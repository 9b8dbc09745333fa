package dev.steward.app;

import static dev.steward.app.StewardHttp.ADMIN;
import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.steward.store.chunk.ChunkDocument;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.document.DocumentStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ingestion end to end on the real Elasticsearch node: every format over HTTP, re-ingestion, delete
 * (also mid-ingestion) and a batch that fails midway. The embedding model is the real one, wrapped
 * to count what it embeds and to fail once on demand.
 */
class IngestionIT {

  private static EmbeddedSteward steward;
  private static IngestionHttp http;
  private static ElasticsearchClient elasticsearch;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createTempDirectory("steward-ingestion-it");
    steward =
        EmbeddedSteward.start(
            data,
            Map.of("server.port", 0, "steward.demo-corpus.enabled", false),
            new Class<?>[] {CountingEmbeddings.class});
    http = new IngestionHttp(steward.port());
    http.plain().awaitHealthy(Duration.ofSeconds(120));
    elasticsearch = steward.context().getBean(ElasticsearchClient.class);
  }

  @AfterAll
  static void stop() {
    if (steward != null) {
      steward.close();
    }
  }

  @BeforeEach
  void disarm() {
    CountingEmbeddings.FAIL_AFTER_CALLS.set(-1);
    CountingEmbeddings.delayMillis = 0;
  }

  @Test
  void uploadsEveryFormatAsJsonAndMultipartAndIndexesItBySection() throws Exception {
    long since = System.currentTimeMillis();
    postJson(
        "mdx-json",
        "text/markdown",
        """
        ---
        title: Shipping
        ---
        import Note from '../Note'

        # Shipping

        <Note>
        Orders leave our warehouse within two business days.
        </Note>

        ## Tracking

        Every parcel has a tracking link.
        """);
    postJson(
        "html-json",
        "text/html",
        "<html><body><h1>Warranty</h1><p>Kettles carry a two-year warranty.</p>"
            + "<h2>Claims</h2><p>Send a photo of the damage.</p></body></html>");
    postJson("plain-json", "text/plain", "Gift cards never expire.");
    var pdf =
        http.upload(
            ADMIN,
            "care-guide.pdf",
            "application/pdf",
            pdf("Oil the oak table twice a year.", "Never use bleach on linen."),
            Map.of("documentId", "care-pdf"));
    assertThat(pdf.status()).isEqualTo(202);
    var mdx =
        http.upload(
            ADMIN,
            "returns.mdx",
            "application/octet-stream",
            "# Returns\n\n<Callout>\nReturns are free within 30 days.\n</Callout>\n"
                .getBytes(StandardCharsets.UTF_8),
            Map.of("documentId", "returns-mdx", "title", "Returns"));
    assertThat(mdx.status()).isEqualTo(202);

    for (String id : List.of("mdx-json", "html-json", "plain-json", "care-pdf", "returns-mdx")) {
      JsonNode status = http.awaitIndexed(id, since);
      assertThat(status.path("chunksTotal").asInt()).isPositive();
      assertThat(status.path("chunksIndexed").asInt())
          .isEqualTo(status.path("chunksTotal").asInt());
      assertThat(chunks(id)).hasSize(status.path("chunksTotal").asInt());
    }
    assertThat(chunks("mdx-json"))
        .extracting(ChunkDocument::section)
        .containsExactly("Shipping", "Shipping › Tracking");
    assertThat(chunks("mdx-json").get(0).text())
        .isEqualTo("Shipping\nOrders leave our warehouse within two business days.");
    assertThat(chunks("html-json").get(1).text())
        .isEqualTo("Warranty › Claims\nSend a photo of the damage.");
    assertThat(chunks("care-pdf"))
        .extracting(ChunkDocument::section)
        .containsExactly("Page 1", "Page 2");
    assertThat(chunks("care-pdf").get(1).text()).contains("Never use bleach on linen.");
    assertThat(chunks("returns-mdx").get(0).text())
        .isEqualTo("Returns\nReturns are free within 30 days.");
    assertThat(chunks("plain-json").get(0).section()).isEmpty();
  }

  @Test
  void unsupportedFileIsRefusedWithTheSupportedTypes() {
    var reply = http.upload(ADMIN, "photo.png", "image/png", new byte[] {1, 2, 3}, Map.of());
    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.body()).contains("unsupported-media-type", "application/pdf", "text/html");
  }

  @Test
  void reingestingUnchangedContentEmbedsNothingAndChangedContentDropsStaleChunks()
      throws Exception {
    String text = longMarkdown(6);
    long first = System.currentTimeMillis();
    postJson("reingest", "text/markdown", text);
    int total = http.awaitIndexed("reingest", first).path("chunksTotal").asInt();
    assertThat(total).isGreaterThan(6);
    Map<String, Long> indexedAt = indexedAtById("reingest");
    long embeddedBefore = CountingEmbeddings.EMBEDDED_TEXTS.get();

    long second = System.currentTimeMillis();
    postJson("reingest", "text/markdown", text);
    assertThat(http.awaitIndexed("reingest", second).path("chunksTotal").asInt()).isEqualTo(total);
    assertThat(CountingEmbeddings.EMBEDDED_TEXTS.get()).isEqualTo(embeddedBefore);
    assertThat(indexedAtById("reingest")).isEqualTo(indexedAt);

    long third = System.currentTimeMillis();
    postJson("reingest", "text/markdown", longMarkdown(2));
    int shorter = http.awaitIndexed("reingest", third).path("chunksTotal").asInt();
    assertThat(shorter).isLessThan(total);
    List<ChunkDocument> left = chunks("reingest");
    assertThat(left)
        .extracting(ChunkDocument::position)
        .containsExactlyElementsOf(IntStream.range(0, shorter).boxed().toList());
    // The sections both versions share kept their embeddings.
    assertThat(left)
        .allSatisfy(c -> assertThat(c.indexedAtMillis()).isEqualTo(indexedAt.get(c.chunkId())));
  }

  @Test
  void deleteRemovesChunksSourceAndStatusSoSearchNoLongerFindsIt() throws Exception {
    long since = System.currentTimeMillis();
    postJson("to-delete", "text/plain", "The Larkspur zeppelin lounge opens on Fridays.");
    http.awaitIndexed("to-delete", since);
    assertThat(searchHits("zeppelin")).contains("to-delete");

    assertThat(http.delete("/v1/documents/to-delete", REQUESTER).status()).isEqualTo(403);
    assertThat(http.delete("/v1/documents/to-delete", ADMIN).status()).isEqualTo(204);

    assertThat(http.plain().get("/v1/documents/to-delete", ADMIN).status()).isEqualTo(404);
    assertThat(searchHits("zeppelin")).isEmpty();
    assertThat(chunksInEveryVersion("to-delete")).isZero();
    assertThat(steward.context().getBean(DocumentStore.class).source("acme", "to-delete"))
        .isEmpty();
    assertThat(http.delete("/v1/documents/to-delete", ADMIN).status()).isEqualTo(404);
  }

  @Test
  void deleteDuringIngestionLeavesNoChunksAndNoStatus() throws Exception {
    CountingEmbeddings.delayMillis = 150;
    postJson("deleted-midway", "text/markdown", longMarkdown(12));
    awaitChunks("deleted-midway");

    assertThat(http.delete("/v1/documents/deleted-midway", ADMIN).status()).isEqualTo(204);

    // The running ingestion notices at its next write and removes what it wrote meanwhile.
    Thread.sleep(3_000);
    assertThat(chunksInEveryVersion("deleted-midway")).isZero();
    assertThat(http.plain().get("/v1/documents/deleted-midway", ADMIN).status()).isEqualTo(404);
  }

  @Test
  void aBatchFailingMidwayIsRetriedWithoutDuplicatesOrEmbeddingTwice() throws Exception {
    long embeddedBefore = CountingEmbeddings.EMBEDDED_TEXTS.get();
    // Two write groups of the first batch succeed and are written; the third fails once.
    CountingEmbeddings.FAIL_AFTER_CALLS.set(2);
    long since = System.currentTimeMillis();
    postJson("flaky", "text/markdown", longMarkdown(20));

    int total = http.awaitIndexed("flaky", since).path("chunksTotal").asInt();

    assertThat(total).as("two batches of 32").isGreaterThan(32);
    assertThat(CountingEmbeddings.FAIL_AFTER_CALLS.get()).as("the fault fired").isNegative();
    List<ChunkDocument> chunks = chunks("flaky");
    assertThat(chunks).hasSize(total);
    assertThat(chunks.stream().map(ChunkDocument::chunkId).distinct()).hasSize(total);
    assertThat(CountingEmbeddings.EMBEDDED_TEXTS.get() - embeddedBefore).isEqualTo(total);
  }

  private static void postJson(String id, String contentType, String content) {
    var reply =
        http.plain()
            .post(
                "/v1/documents",
                ADMIN,
                JsonMapper.builder()
                    .build()
                    .writeValueAsString(
                        Map.of(
                            "documentId", id,
                            "title", "Doc " + id,
                            "contentType", contentType,
                            "content", content)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
  }

  /** A Markdown document of {@code sections} sections, each long enough for several chunks. */
  private static String longMarkdown(int sections) {
    StringBuilder text = new StringBuilder("# Handbook\n\n");
    for (int s = 0; s < sections; s++) {
      text.append("## Topic ").append(s).append("\n\n");
      for (int p = 0; p < 3; p++) {
        text.append(
                "Paragraph %d of topic %d explains how Larkspur handles orders, returns and care of oak furniture in some detail. "
                    .formatted(p, s)
                    .repeat(4))
            .append("\n\n");
      }
    }
    return text.toString();
  }

  private static List<ChunkDocument> chunks(String documentId) throws IOException {
    elasticsearch.indices().refresh(r -> r.index(ChunkIndex.ALIAS));
    return elasticsearch
        .search(
            s ->
                s.index(ChunkIndex.ALIAS)
                    .size(1000)
                    .sort(o -> o.field(f -> f.field("position")))
                    .query(q ->
                        q.bool(b ->
                            b.filter(f -> f.term(t -> t.field("tenant").value("acme")))
                                .filter(
                                    f -> f.term(t -> t.field("documentId").value(documentId))))),
            ChunkDocument.class)
        .hits()
        .hits()
        .stream()
        .map(h -> h.source())
        .toList();
  }

  private static Map<String, Long> indexedAtById(String documentId) throws IOException {
    return chunks(documentId).stream()
        .collect(Collectors.toMap(ChunkDocument::chunkId, ChunkDocument::indexedAtMillis));
  }

  private static long chunksInEveryVersion(String documentId) throws IOException {
    elasticsearch.indices().refresh(r -> r.index(ChunkIndex.INDEX_PREFIX + "*"));
    return elasticsearch
        .count(c ->
            c.index(ChunkIndex.INDEX_PREFIX + "*")
                .query(q -> q.term(t -> t.field("documentId").value(documentId))))
        .count();
  }

  private static void awaitChunks(String documentId) throws Exception {
    for (int i = 0; i < 300 && chunksInEveryVersion(documentId) == 0; i++) {
      Thread.sleep(50);
    }
    assertThat(chunksInEveryVersion(documentId)).isPositive();
  }

  /** Document ids of the tenant's chunks that BM25 finds for {@code words}. */
  private static List<String> searchHits(String words) throws IOException {
    elasticsearch.indices().refresh(r -> r.index(ChunkIndex.ALIAS));
    return elasticsearch
        .search(
            s ->
                s.index(ChunkIndex.ALIAS)
                    .query(q ->
                        q.bool(b ->
                            b.filter(f -> f.term(t -> t.field("tenant").value("acme")))
                                .must(m -> m.match(mt -> mt.field("text").query(words))))),
            ChunkDocument.class)
        .hits()
        .hits()
        .stream()
        .map(h -> h.source().documentId())
        .distinct()
        .toList();
  }

  /** A small PDF without an outline, one line of text per page. */
  static byte[] pdf(String... pages) throws IOException {
    try (PDDocument document = new PDDocument()) {
      for (String text : pages) {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.beginText();
          content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          content.newLineAtOffset(72, 700);
          content.showText(text);
          content.endText();
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }
}
