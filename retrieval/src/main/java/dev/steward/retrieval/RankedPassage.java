package dev.steward.retrieval;

import dev.steward.store.chunk.ChunkDocument;

/**
 * A passage as hybrid search returns it: the fused score and what each retriever thought of it
 * (rank 0 = that retriever did not return it).
 */
public record RankedPassage(
    ChunkDocument chunk,
    double score,
    int textRank,
    double textScore,
    int vectorRank,
    double vectorScore,
    int tokens) {}
