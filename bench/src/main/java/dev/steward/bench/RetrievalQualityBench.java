package dev.steward.bench;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.steward.retrieval.HybridSearch;
import dev.steward.retrieval.RankedPassage;
import dev.steward.retrieval.SearchQuery;
import dev.steward.store.chunk.ChunkDocument;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.chunk.ScoredChunk;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.ApplicationContext;

/**
 * How well each retriever finds the page that answers a question: the Temporal docs corpus is
 * ingested through the API, then each {@code dev-qa.jsonl} question is ranked by BM25 alone, kNN
 * alone and hybrid search. Prints recall@k and MRR over documents, the same for the passages a
 * support-answer task would get, and per-question ranks. Argument: [corpus folder].
 */
public final class RetrievalQualityBench {

  static final String TENANT = "temporal-docs";
  private static final int DEPTH = 50;
  private static final String TASK_TYPE = "support-answer";

  public static void main(String[] args) throws Exception {
    Path root = BenchCorpus.locateTemporalDocs(args.length > 0 ? args[0] : null);
    BenchCorpus corpus = BenchCorpus.temporalDocs(root);
    List<DevQuestion> questions = DevQuestion.load(root);
    Map<String, String> idByPath =
        corpus.documents().stream()
            .collect(Collectors.toMap(CorpusDocument::path, CorpusDocument::documentId));
    System.out.printf(
        "corpus %s: %d files, %d questions%n", root, corpus.documents().size(), questions.size());

    try (BenchStack stack = BenchStack.start(List.of(TENANT), corpus.largestBytes())) {
      CorpusIngestion.Stats stats =
          CorpusIngestion.ingest(stack.admin(TENANT), corpus, Duration.ofMinutes(14));
      Retrievers retrievers = new Retrievers(stack.context());

      List<QuestionResult> results = new ArrayList<>();
      for (DevQuestion q : questions) {
        Set<String> gold = new LinkedHashSet<>();
        for (String path : q.goldFiles()) {
          String id = idByPath.get(path);
          if (id == null) {
            throw new IllegalStateException(q.id() + ": gold file not in corpus: " + path);
          }
          gold.add(id);
        }
        results.add(retrievers.evaluate(q, gold, idByPath.get(q.goldFiles().getFirst())));
      }
      print(stats, retrievers.taskSettings, results);
    }
  }

  /** The three retrievers and the task's own retrieval settings, over one tenant. */
  private static final class Retrievers {

    private final ChunkIndex chunks;
    private final EmbeddingModel embeddings;
    private final HybridSearch hybrid;
    private final TaskTypeDefinition.Retrieval taskSettings;

    Retrievers(ApplicationContext ctx) {
      this.chunks = ctx.getBean(ChunkIndex.class);
      this.embeddings = ctx.getBean(EmbeddingModel.class);
      this.hybrid = ctx.getBean(HybridSearch.class);
      this.taskSettings = ctx.getBean(TaskTypeRegistry.class).get(TASK_TYPE).retrieval();
    }

    QuestionResult evaluate(DevQuestion q, Set<String> gold, String quotePage) {
      List<String> bm25 =
          documents(
              chunks.searchText(TENANT, q.question(), DEPTH, Map.of()).stream()
                  .map(ScoredChunk::chunk));
      float[] vector = embeddings.embed(q.question()).content().vector();
      List<String> knn =
          documents(
              chunks.searchVector(TENANT, vector, DEPTH, Map.of()).stream()
                  .map(ScoredChunk::chunk));
      List<RankedPassage> fused =
          hybrid.search(new SearchQuery(TENANT, q.question(), DEPTH, 0, Map.of()));
      List<String> hybridDocs = documents(fused.stream().map(RankedPassage::chunk));
      List<String> topFivePassageDocs =
          fused.stream().limit(5).map(p -> p.chunk().documentId()).toList();
      List<RankedPassage> task =
          hybrid.search(
              new SearchQuery(
                  TENANT, q.question(), taskSettings.topK(), taskSettings.tokenBudget(), Map.of()));
      boolean taskHit = task.stream().anyMatch(p -> gold.contains(p.chunk().documentId()));
      boolean taskQuote = task.stream().anyMatch(p -> holdsQuote(p.chunk(), q.goldQuote()));
      boolean quoteIndexed =
          chunks.searchText(TENANT, q.goldQuote(), DEPTH, Map.of("documentId", quotePage)).stream()
              .anyMatch(s -> holdsQuote(s.chunk(), q.goldQuote()));
      return new QuestionResult(
          q.id(),
          rank(bm25, gold),
          rank(knn, gold),
          rank(hybridDocs, gold),
          topFivePassageDocs.stream().anyMatch(gold::contains),
          taskHit,
          task.size(),
          taskQuote,
          quoteIndexed);
    }
  }

  /** A passage ranking as a document ranking: each document at its first passage's place. */
  private static List<String> documents(Stream<ChunkDocument> passages) {
    return List.copyOf(
        passages
            .map(ChunkDocument::documentId)
            .collect(Collectors.toCollection(LinkedHashSet::new)));
  }

  /** 1-based rank of the first gold document; 0 when none is in the ranking. */
  private static int rank(List<String> documents, Set<String> gold) {
    for (int i = 0; i < documents.size(); i++) {
      if (gold.contains(documents.get(i))) {
        return i + 1;
      }
    }
    return 0;
  }

  private static boolean holdsQuote(ChunkDocument chunk, String quote) {
    return squeeze(chunk.text()).contains(squeeze(quote));
  }

  /**
   * Whitespace and inline Markdown marks may differ once a page is parsed: emphasis marks go, and
   * commonmark's text renderer turns inline code into "quoted" text.
   */
  private static String squeeze(String text) {
    return text.replaceAll("[`*_\"]", "").replaceAll("\\s+", " ").strip();
  }

  private record QuestionResult(
      String id,
      int bm25Rank,
      int knnRank,
      int hybridRank,
      boolean hybridTopFivePassages,
      boolean taskHit,
      int taskPassages,
      boolean taskHasQuote,
      boolean quoteInSomeChunk) {}

  private static void print(
      CorpusIngestion.Stats stats,
      TaskTypeDefinition.Retrieval task,
      List<QuestionResult> results) {
    BenchReport.header(
        "Retrieval quality, Temporal docs dev-qa (" + results.size() + " questions)",
        List.of(stats));
    System.out.printf(
        Locale.ROOT,
        "document rankings from the top %d passages of each retriever; a hit is any gold file%n%n",
        DEPTH);
    System.out.printf(
        Locale.ROOT,
        "| %-30s | %8s | %8s | %9s | %6s |%n|%s|%s|%s|%s|%s|%n",
        "retriever",
        "recall@1",
        "recall@5",
        "recall@10",
        "MRR",
        "-".repeat(32),
        "-".repeat(10),
        "-".repeat(10),
        "-".repeat(11),
        "-".repeat(8));
    row("BM25 (searchText)", results, QuestionResult::bm25Rank);
    row("kNN (searchVector)", results, QuestionResult::knnRank);
    row("hybrid (RRF)", results, QuestionResult::hybridRank);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "hybrid, passage level: gold file among the top-5 passages' documents (k=%d query): %s%n",
        DEPTH,
        share(results, QuestionResult::hybridTopFivePassages));
    System.out.printf(
        Locale.ROOT,
        "hybrid as a %s task runs it (k=%d, token budget %d): gold file among its passages %s;"
            + " the passage holding gold_quote among them %s; mean passages %.1f%n",
        TASK_TYPE,
        task.topK(),
        task.tokenBudget(),
        share(results, QuestionResult::taskHit),
        share(results, QuestionResult::taskHasQuote),
        results.stream().mapToInt(QuestionResult::taskPassages).average().orElse(0));
    System.out.printf(
        Locale.ROOT,
        "sanity: gold_quote found in one chunk of gold_files[0] (whitespace and `*_\" ignored):"
            + " %s%n%n",
        share(results, QuestionResult::quoteInSomeChunk));

    System.out.println(
        "per question: rank of the first gold document (- = not in top " + DEPTH + ")");
    System.out.printf(
        Locale.ROOT,
        "| %-5s | %4s | %4s | %6s | %8s | %10s | %12s |%n",
        "id",
        "BM25",
        "kNN",
        "hybrid",
        "task hit",
        "task quote",
        "quote chunked");
    for (QuestionResult r : results) {
      System.out.printf(
          Locale.ROOT,
          "| %-5s | %4s | %4s | %6s | %8s | %10s | %12s |%n",
          r.id(),
          rankText(r.bm25Rank()),
          rankText(r.knnRank()),
          rankText(r.hybridRank()),
          r.taskHit() ? "yes" : "no",
          r.taskHasQuote() ? "yes" : "no",
          r.quoteInSomeChunk() ? "yes" : "NO");
    }
  }

  private static void row(
      String name,
      List<QuestionResult> results,
      java.util.function.ToIntFunction<QuestionResult> rank) {
    double n = results.size();
    System.out.printf(
        Locale.ROOT,
        "| %-30s | %8.3f | %8.3f | %9.3f | %6.3f |%n",
        name,
        results.stream().filter(r -> within(rank.applyAsInt(r), 1)).count() / n,
        results.stream().filter(r -> within(rank.applyAsInt(r), 5)).count() / n,
        results.stream().filter(r -> within(rank.applyAsInt(r), 10)).count() / n,
        results.stream()
                .mapToDouble(r -> rank.applyAsInt(r) == 0 ? 0 : 1.0 / rank.applyAsInt(r))
                .sum()
            / n);
  }

  private static boolean within(int rank, int k) {
    return rank > 0 && rank <= k;
  }

  private static String share(
      List<QuestionResult> results, java.util.function.Predicate<QuestionResult> hit) {
    long hits = results.stream().filter(hit).count();
    return String.format(
        Locale.ROOT, "%d/%d = %.3f", hits, results.size(), (double) hits / results.size());
  }

  private static String rankText(int rank) {
    return rank == 0 ? "-" : Integer.toString(rank);
  }

  private RetrievalQualityBench() {}
}
