package dev.steward.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.steward.retrieval.HybridSearch;
import dev.steward.retrieval.SearchQuery;
import dev.steward.store.chunk.ChunkDocument;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * Hybrid query latency, one query at a time after a warm-up, at the size of the real corpora and
 * again once the chunk index holds about {@code target} chunks: the Temporal docs' chunks (with
 * their embeddings) copied under other tenants, so every query still searches one tenant's share.
 * Arguments: [target chunks=100000] [rounds=5] [temporal docs corpus folder].
 */
public final class HybridLatencyBench {

  private static final String SHOP = "larkspur";
  private static final String DOCS = "temporal-docs";
  private static final int SCAN_PAGE = 1000;
  private static final int BULK_BATCH = 500;

  public static void main(String[] args) throws Exception {
    int target = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path root = BenchCorpus.locateTemporalDocs(args.length > 2 ? args[2] : null);
    BenchCorpus docs = BenchCorpus.temporalDocs(root);
    BenchCorpus shop = BenchCorpus.demoArticles();
    List<String> docsQuestions =
        DevQuestion.load(root).stream().map(DevQuestion::question).toList();

    try (BenchStack stack = BenchStack.start(List.of(SHOP, DOCS), docs.largestBytes())) {
      var shopStats = CorpusIngestion.ingest(stack.admin(SHOP), shop, Duration.ofMinutes(5));
      var docsStats = CorpusIngestion.ingest(stack.admin(DOCS), docs, Duration.ofMinutes(14));
      Timer timer = new Timer(stack.context());
      ElasticsearchClient client = stack.context().getBean(ElasticsearchClient.class);
      ChunkIndex chunks = stack.context().getBean(ChunkIndex.class);
      chunks.refresh();

      List<Row> rows = new ArrayList<>();
      long small = count(client);
      rows.add(timer.measure(small, SHOP, shopStats.chunks(), ShopQuestions.ALL, rounds * 4));
      rows.add(timer.measure(small, DOCS, docsStats.chunks(), docsQuestions, rounds));

      List<ChunkDocument> originals = scan(client, DOCS);
      int copies = (int) Math.ceil((double) (target - small) / originals.size());
      System.out.printf(
          "copying %d chunks of %s under %d other tenants (target %d chunks) ...%n",
          originals.size(), DOCS, copies, target);
      long copyStarted = System.nanoTime();
      for (int c = 1; c <= copies; c++) {
        copy(chunks, originals, String.format(Locale.ROOT, "copy-%03d", c));
        System.out.printf(
            "  %d/%d copies written (%.0f s)%n",
            c, copies, (System.nanoTime() - copyStarted) / 1e9);
      }
      chunks.refresh();
      long large = count(client);
      System.out.printf(
          "index now holds %d chunks (%.0f s to copy and refresh), %d segments%n",
          large, (System.nanoTime() - copyStarted) / 1e9, segments(client));
      rows.add(timer.measure(large, DOCS, docsStats.chunks(), docsQuestions, rounds));
      rows.add(timer.measure(large, SHOP, shopStats.chunks(), ShopQuestions.ALL, rounds * 4));

      BenchReport.header("Hybrid query latency", List.of(shopStats, docsStats));
      System.out.printf(
          Locale.ROOT,
          "sequential queries after one warm-up round; hybrid = HybridSearch.search as a"
              + " support-answer task calls it (k=%d, token budget %d: embed + BM25 + kNN with %d"
              + " candidates each, RRF, de-duplication); parts timed separately, ms%n%n",
          timer.settings.topK(),
          timer.settings.tokenBudget(),
          timer.candidates());
      System.out.printf(
          Locale.ROOT,
          "| %13s | %-28s | %7s | %15s | %15s | %15s | %15s | %5s |%n",
          "index chunks",
          "tenant (its chunks)",
          "queries",
          "hybrid p50/p95",
          "embed p50/p95",
          "BM25 p50/p95",
          "kNN p50/p95",
          "load");
      System.out.printf(
          "|%s|%s|%s|%s|%s|%s|%s|%s|%n",
          "-".repeat(15),
          "-".repeat(30),
          "-".repeat(9),
          "-".repeat(17),
          "-".repeat(17),
          "-".repeat(17),
          "-".repeat(17),
          "-".repeat(7));
      for (Row r : rows) {
        System.out.printf(
            Locale.ROOT,
            "| %13d | %-28s | %7d | %15s | %15s | %15s | %15s | %5.2f |%n",
            r.indexChunks(),
            r.tenant() + " (" + r.tenantChunks() + ")",
            r.queries(),
            r.hybrid(),
            r.embed(),
            r.text(),
            r.vector(),
            r.load());
      }
      System.out.println(
          "\n(load = the machine's 1-minute load average when the row started; the bench itself"
              + " keeps about one core busy, so much more means other processes competed."
              + " Target to compare with: hybrid p95 <= 25 ms at 100k chunks)");
    }
  }

  /** One measured configuration; each column is "p50 / p95" in milliseconds. */
  private record Row(
      long indexChunks,
      String tenant,
      int tenantChunks,
      int queries,
      String hybrid,
      String embed,
      String text,
      String vector,
      double load) {}

  /** Times hybrid search and its parts over a list of queries. */
  private static final class Timer {

    private final HybridSearch hybrid;
    private final ChunkIndex chunks;
    private final EmbeddingModel embeddings;
    private final TaskTypeDefinition.Retrieval settings;

    Timer(ApplicationContext ctx) {
      this.hybrid = ctx.getBean(HybridSearch.class);
      this.chunks = ctx.getBean(ChunkIndex.class);
      this.embeddings = ctx.getBean(EmbeddingModel.class);
      this.settings = ctx.getBean(TaskTypeRegistry.class).get("support-answer").retrieval();
    }

    /** What HybridSearch asks of each retriever for the task's k (it keeps this private). */
    int candidates() {
      return Math.max(30, settings.topK() * 3);
    }

    Row measure(
        long indexChunks, String tenant, int tenantChunks, List<String> queries, int rounds) {
      System.out.printf(
          "measuring %s at %d chunks: %d queries x %d rounds ...%n",
          tenant, indexChunks, queries.size(), rounds);
      for (String q : queries) {
        once(tenant, q);
      }
      double load = BenchReport.load();
      List<Double> total = new ArrayList<>();
      List<Double> embed = new ArrayList<>();
      List<Double> text = new ArrayList<>();
      List<Double> vector = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        for (String q : queries) {
          double[] t = once(tenant, q);
          total.add(t[0]);
          embed.add(t[1]);
          text.add(t[2]);
          vector.add(t[3]);
        }
      }
      return new Row(
          indexChunks,
          tenant,
          tenantChunks,
          total.size(),
          p50p95(total),
          p50p95(embed),
          p50p95(text),
          p50p95(vector),
          load);
    }

    /** Milliseconds of: hybrid search, query embedding, BM25 alone, kNN alone. */
    private double[] once(String tenant, String q) {
      long t0 = System.nanoTime();
      hybrid.search(new SearchQuery(tenant, q, settings.topK(), settings.tokenBudget(), Map.of()));
      long t1 = System.nanoTime();
      float[] v = embeddings.embed(q).content().vector();
      long t2 = System.nanoTime();
      chunks.searchText(tenant, q, candidates(), Map.of());
      long t3 = System.nanoTime();
      chunks.searchVector(tenant, v, candidates(), Map.of());
      long t4 = System.nanoTime();
      return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6};
    }

    private static String p50p95(List<Double> samples) {
      List<Double> sorted = samples.stream().sorted().toList();
      return String.format(
          Locale.ROOT,
          "%.1f / %.1f",
          BenchReport.percentile(sorted, 0.50),
          BenchReport.percentile(sorted, 0.95));
    }
  }

  /**
   * All of a tenant's chunks with their embeddings. The index leaves vectors out of {@code _source}
   * by default (exclude_source_vectors), so the scan asks for them back.
   */
  private static List<ChunkDocument> scan(ElasticsearchClient client, String tenant)
      throws IOException {
    List<ChunkDocument> out = new ArrayList<>();
    List<FieldValue> after = null;
    while (true) {
      List<FieldValue> cursor = after;
      SearchResponse<ChunkDocument> page =
          client.search(
              s -> {
                s.index(ChunkIndex.ALIAS)
                    .size(SCAN_PAGE)
                    .source(src -> src.filter(f -> f.excludeVectors(false)))
                    .query(q -> q.term(t -> t.field("tenant").value(tenant)))
                    .sort(o -> o.field(f -> f.field("chunkId").order(SortOrder.Asc)));
                if (cursor != null) {
                  s.searchAfter(cursor);
                }
                return s;
              },
              ChunkDocument.class);
      List<Hit<ChunkDocument>> hits = page.hits().hits();
      if (hits.isEmpty()) {
        break;
      }
      for (Hit<ChunkDocument> hit : hits) {
        ChunkDocument chunk = hit.source();
        if (chunk == null || chunk.embedding() == null) {
          throw new IllegalStateException("chunk " + hit.id() + " came back without its embedding");
        }
        out.add(chunk);
      }
      after = hits.getLast().sort();
    }
    return out;
  }

  private static void copy(ChunkIndex chunks, List<ChunkDocument> originals, String tenant) {
    List<ChunkDocument> batch = new ArrayList<>(BULK_BATCH);
    for (ChunkDocument c : originals) {
      batch.add(
          new ChunkDocument(
              tenant + ":" + c.documentId() + "#" + c.position(),
              c.documentId(),
              tenant,
              c.title(),
              c.position(),
              c.text(),
              c.contentHash(),
              c.embedding(),
              c.section(),
              c.indexedAtMillis()));
      if (batch.size() == BULK_BATCH) {
        chunks.upsert(batch);
        batch.clear();
      }
    }
    chunks.upsert(batch);
  }

  private static long count(ElasticsearchClient client) throws IOException {
    return client.count(c -> c.index(ChunkIndex.ALIAS)).count();
  }

  private static int segments(ElasticsearchClient client) throws IOException {
    return client.cat().segments(s -> s.index(ChunkIndex.ALIAS)).segments().size();
  }

  private HybridLatencyBench() {}
}
