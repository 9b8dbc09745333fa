package dev.steward.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.store.chunk.ChunkDocument;
import dev.steward.store.chunk.ScoredChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

  @Test
  void chunkFoundByBothRetrieversOutranksChunksFoundByOne() {
    var text = List.of(hit("a", 1), hit("b", 2), hit("c", 3));
    var vector = List.of(hit("c", 1), hit("d", 2));

    var fused = ReciprocalRankFusion.fuse(text, vector, 60, 10);

    assertThat(fused).extracting(f -> f.chunk().chunkId()).containsExactly("c", "a", "b", "d");
    var c = fused.getFirst();
    assertThat(c.score()).isEqualTo(1.0 / 63 + 1.0 / 61);
    assertThat(c.textRank()).isEqualTo(3);
    assertThat(c.vectorRank()).isEqualTo(1);
  }

  @Test
  void keepsOnlyTopK() {
    var fused =
        ReciprocalRankFusion.fuse(
            List.of(hit("a", 1), hit("b", 2)), List.of(hit("c", 1), hit("d", 2)), 60, 3);

    assertThat(fused).hasSize(3);
    assertThat(fused.getLast().textRank() + fused.getLast().vectorRank()).isEqualTo(2);
  }

  @Test
  void emptyRankingsFuseToNothing() {
    assertThat(ReciprocalRankFusion.fuse(List.of(), List.of(), 60, 5)).isEmpty();
  }

  private static ScoredChunk hit(String id, int rank) {
    return new ScoredChunk(
        new ChunkDocument(id, "doc", "t", "title", 0, "text", "h", null), rank, 1.0 / rank);
  }
}
