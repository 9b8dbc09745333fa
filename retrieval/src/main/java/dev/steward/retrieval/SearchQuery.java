package dev.steward.retrieval;

import java.util.Map;

/**
 * One hybrid search.
 *
 * @param k how many passages at most
 * @param tokenBudget the passages' total WordPiece tokens at most (0 = no budget)
 * @param filters exact-match metadata filters (e.g. documentId), applied to both retrievers
 */
public record SearchQuery(
    String tenant, String text, int k, int tokenBudget, Map<String, String> filters) {

  public SearchQuery {
    filters = filters == null ? Map.of() : Map.copyOf(filters);
  }
}
