package dev.steward.retrieval;

import dev.steward.store.chunk.ChunkDocument;
import dev.steward.store.chunk.ScoredChunk;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion of the BM25 and kNN rankings: score = sum of 1 / (k + rank). Done here
 * because the RRF retriever is not available on every Elasticsearch deployment we run on.
 */
public final class ReciprocalRankFusion {

  /** The constant from the original RRF paper; dampens the weight of the very first ranks. */
  public static final int DEFAULT_K = 60;

  private ReciprocalRankFusion() {}

  /** Fuses the two rankings and keeps the best {@code topK}; ties keep the text ranking's order. */
  public static List<FusedChunk> fuse(
      List<ScoredChunk> text, List<ScoredChunk> vector, int k, int topK) {
    Map<String, FusedChunk> fused = new LinkedHashMap<>();
    for (ScoredChunk hit : text) {
      fused.put(
          hit.chunk().chunkId(),
          new FusedChunk(hit.chunk(), 1.0 / (k + hit.rank()), hit.rank(), 0, hit.score(), 0));
    }
    for (ScoredChunk hit : vector) {
      double contribution = 1.0 / (k + hit.rank());
      fused.merge(
          hit.chunk().chunkId(),
          new FusedChunk(hit.chunk(), contribution, 0, hit.rank(), 0, hit.score()),
          (a, b) ->
              new FusedChunk(
                  a.chunk(),
                  a.score() + b.score(),
                  a.textRank(),
                  b.vectorRank(),
                  a.textScore(),
                  b.vectorScore()));
    }
    return fused.values().stream()
        .sorted(Comparator.comparingDouble(FusedChunk::score).reversed())
        .limit(topK)
        .toList();
  }

  /** A chunk with its fused score and each retriever's rank (0 = not returned by it). */
  public record FusedChunk(
      ChunkDocument chunk,
      double score,
      int textRank,
      int vectorRank,
      double textScore,
      double vectorScore) {}
}
