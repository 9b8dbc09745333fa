package dev.steward.api.search;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemException;
import dev.steward.api.security.StewardPrincipal;
import dev.steward.retrieval.HybridSearch;
import dev.steward.retrieval.RankedPassage;
import dev.steward.retrieval.SearchQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The retrieval playground: what hybrid search returns for a query, and why. */
@RestController
@Tag(name = "Search")
class SearchController {

  static final int MAX_K = 50;

  private final HybridSearch search;

  SearchController(HybridSearch search) {
    this.search = search;
  }

  @GetMapping("/v1/search")
  @Operation(
      summary = "Hybrid search over the tenant's passages, with each retriever's rank and score",
      description =
          "BM25 and kNN run with the same tenant and filters and are fused by reciprocal rank"
              + " fusion; overlapping passages are dropped. For engineers and admins tuning"
              + " retrieval.")
  SearchResponse search(
      @AuthenticationPrincipal StewardPrincipal caller,
      @RequestParam("q") String q,
      @RequestParam(name = "k", defaultValue = "5") int k,
      @RequestParam(name = "tenant", required = false) String tenant,
      @RequestParam(name = "documentId", required = false) String documentId,
      @RequestParam(name = "tokenBudget", defaultValue = "0") int tokenBudget) {
    if (q.isBlank()) {
      throw new ProblemException(Problem.INVALID_PARAMETER, "The query 'q' must not be blank.");
    }
    if (k < 1 || k > MAX_K) {
      throw new ProblemException(
          Problem.INVALID_PARAMETER, "'k' must be between 1 and " + MAX_K + "; it was " + k + ".");
    }
    if (tenant != null && !tenant.equals(caller.tenant())) {
      throw new ProblemException(
          Problem.FORBIDDEN, "You can search your own tenant ('" + caller.tenant() + "') only.");
    }
    Map<String, String> filters = new HashMap<>();
    if (documentId != null) {
      filters.put("documentId", documentId);
    }
    long started = System.nanoTime();
    List<RankedPassage> passages =
        search.search(new SearchQuery(caller.tenant(), q, k, Math.max(0, tokenBudget), filters));
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    return new SearchResponse(
        q, caller.tenant(), k, tookMillis, passages.stream().map(SearchHit::of).toList());
  }

  /** The fused passages of one query. */
  record SearchResponse(
      String query, String tenant, int k, long tookMillis, List<SearchHit> passages) {}

  /** One passage with its fused score and each retriever's view (rank 0: not returned by it). */
  record SearchHit(
      String chunkId,
      String documentId,
      String title,
      int position,
      String text,
      int tokens,
      double score,
      RetrieverScore bm25,
      RetrieverScore knn) {

    static SearchHit of(RankedPassage p) {
      return new SearchHit(
          p.chunk().chunkId(),
          p.chunk().documentId(),
          p.chunk().title(),
          p.chunk().position(),
          p.chunk().text(),
          p.tokens(),
          p.score(),
          new RetrieverScore(p.textRank(), p.textScore()),
          new RetrieverScore(p.vectorRank(), p.vectorScore()));
    }
  }

  /** A retriever's rank (from 1) and raw score for a passage. */
  record RetrieverScore(int rank, double score) {}
}
