package dev.steward.store.chunk;

/** A chunk as one retriever ranked it (rank from 1). */
public record ScoredChunk(ChunkDocument chunk, int rank, double score) {}
