package dev.steward.retrieval;

import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.steward.retrieval.ReciprocalRankFusion.FusedChunk;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.chunk.ScoredChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * BM25 and kNN over the chunk index, with the same tenant and metadata filters, fused by reciprocal
 * rank fusion; then overlapping passages are dropped and the rest kept within the token budget.
 */
public final class HybridSearch {

  /** Candidates each retriever contributes before fusion: enough for de-duplication to choose. */
  static final int CANDIDATES_PER_RETRIEVER = 30;

  /** Waits on Elasticsearch, so a virtual thread per search is all it needs. */
  private static final Executor BM25_EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

  private final ChunkIndex chunks;
  private final EmbeddingModel embeddings;
  private final TokenCountEstimator tokens;

  public HybridSearch(ChunkIndex chunks, EmbeddingModel embeddings, TokenCountEstimator tokens) {
    this.chunks = chunks;
    this.embeddings = embeddings;
    this.tokens = tokens;
  }

  public List<RankedPassage> search(SearchQuery query) {
    if (query.text() == null || query.text().isBlank() || query.k() <= 0) {
      return List.of();
    }
    int candidates = Math.max(CANDIDATES_PER_RETRIEVER, query.k() * 3);
    // BM25 runs on the node while the query is embedded here; then kNN. Saves the shorter of the
    // two from every search.
    CompletableFuture<List<ScoredChunk>> text =
        CompletableFuture.supplyAsync(
            () -> chunks.searchText(query.tenant(), query.text(), candidates, query.filters()),
            BM25_EXECUTOR);
    float[] vector = embeddings.embed(query.text()).content().vector();
    var knn = chunks.searchVector(query.tenant(), vector, candidates, query.filters());
    List<FusedChunk> fused =
        ReciprocalRankFusion.fuse(
            joined(text), knn, ReciprocalRankFusion.DEFAULT_K, candidates * 2);
    return select(fused, query.k(), query.tokenBudget());
  }

  private static List<ScoredChunk> joined(CompletableFuture<List<ScoredChunk>> search) {
    try {
      return search.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The best passages that neither repeat an earlier one nor break the token budget. */
  private List<RankedPassage> select(List<FusedChunk> fused, int k, int tokenBudget) {
    List<RankedPassage> selected = new ArrayList<>();
    List<String> selectedTexts = new ArrayList<>();
    int used = 0;
    for (FusedChunk f : fused) {
      if (selected.size() == k) {
        break;
      }
      String body = f.chunk().text();
      if (selectedTexts.stream().anyMatch(s -> PassageOverlap.isMostlyContainedIn(body, s))) {
        continue;
      }
      int cost = tokens.estimateTokenCountInText(body);
      if (tokenBudget > 0 && used + cost > tokenBudget) {
        continue;
      }
      used += cost;
      selectedTexts.add(body);
      selected.add(
          new RankedPassage(
              f.chunk(),
              f.score(),
              f.textRank(),
              f.textScore(),
              f.vectorRank(),
              f.vectorScore(),
              cost));
    }
    return selected;
  }
}
