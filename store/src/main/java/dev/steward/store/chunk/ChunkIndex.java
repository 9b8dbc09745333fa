package dev.steward.store.chunk;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DenseVectorIndexOptionsType;
import co.elastic.clients.elasticsearch._types.mapping.DenseVectorSimilarity;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The passage index: BM25 over English-analysed text and kNN over embeddings, both filtered by
 * tenant. Writers and readers use the alias, so a re-index can swap the index beneath it.
 */
public final class ChunkIndex {

  public static final String ALIAS = "steward-chunks";
  public static final String INDEX = "steward-chunks-v1";
  public static final int DIMENSIONS = 384;

  private final ElasticsearchClient client;
  private final IndexAdmin admin;

  public ChunkIndex(ElasticsearchClient client, IndexAdmin admin) {
    this.client = client;
    this.admin = admin;
  }

  public void createIndex() {
    admin.ensure(
        INDEX,
        ALIAS,
        m ->
            m.dynamic(DynamicMapping.False)
                .properties("chunkId", p -> p.keyword(k -> k))
                .properties("documentId", p -> p.keyword(k -> k))
                .properties("tenant", p -> p.keyword(k -> k))
                .properties("contentHash", p -> p.keyword(k -> k))
                .properties("position", p -> p.integer(i -> i))
                .properties("title", p -> p.text(t -> t.analyzer("english")))
                .properties("text", p -> p.text(t -> t.analyzer("english")))
                .properties(
                    "embedding",
                    p ->
                        p.denseVector(v ->
                            v.dims(DIMENSIONS)
                                .similarity(DenseVectorSimilarity.Cosine)
                                .index(true)
                                .indexOptions(o ->
                                    o.type(DenseVectorIndexOptionsType.Hnsw)
                                        .m(16)
                                        .efConstruction(100)))));
  }

  /** Writes chunks in one bulk request; their ids make a repeat overwrite, never duplicate. */
  public void upsert(Collection<ChunkDocument> chunks) {
    if (chunks.isEmpty()) {
      return;
    }
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (ChunkDocument chunk : chunks) {
      bulk.operations(o -> o.index(i -> i.index(ALIAS).id(chunk.chunkId()).document(chunk)));
    }
    try {
      BulkResponse response = client.bulk(bulk.build());
      if (response.errors()) {
        var firstError =
            response.items().stream().filter(i -> i.error() != null).findFirst().orElseThrow();
        throw new IllegalStateException(
            "bulk indexing failed for " + firstError.id() + ": " + firstError.error().reason());
      }
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot index chunks", e);
    }
  }

  /**
   * Removes the document's chunks at positions {@code >= fromPosition}. Search then bulk delete:
   * delete-by-query lives in a module that not every node has (the embedded one lacks it).
   */
  public long deleteFrom(String tenant, String documentId, int fromPosition) {
    try {
      SearchResponse<Void> stale =
          client.search(
              s ->
                  s.index(ALIAS)
                      .source(src -> src.fetch(false))
                      .size(10_000)
                      .query(q ->
                          q.bool(b ->
                              b.filter(term("tenant", tenant))
                                  .filter(term("documentId", documentId))
                                  .filter(f ->
                                      f.range(r ->
                                          r.number(n ->
                                              n.field("position").gte((double) fromPosition)))))),
              Void.class);
      List<String> ids = stale.hits().hits().stream().map(Hit::id).toList();
      if (ids.isEmpty()) {
        return 0;
      }
      BulkRequest.Builder bulk = new BulkRequest.Builder();
      for (String id : ids) {
        bulk.operations(o -> o.delete(d -> d.index(ALIAS).id(id)));
      }
      client.bulk(bulk.build());
      return ids.size();
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return 0;
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot delete chunks of " + documentId, e);
    }
  }

  public void refresh() {
    try {
      client.indices().refresh(r -> r.index(ALIAS));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot refresh " + ALIAS, e);
    }
  }

  /** The content hash of each chunk the document has now, by chunk id. */
  public Map<String, String> hashesOf(String tenant, String documentId) {
    try {
      SearchResponse<ContentHash> response =
          client.search(
              s ->
                  s.index(ALIAS)
                      .source(src -> src.filter(f -> f.includes("contentHash")))
                      .size(10_000)
                      .query(q ->
                          q.bool(b ->
                              b.filter(term("tenant", tenant))
                                  .filter(term("documentId", documentId)))),
              ContentHash.class);
      Map<String, String> hashes = new HashMap<>();
      for (Hit<ContentHash> hit : response.hits().hits()) {
        if (hit.source() != null) {
          hashes.put(hit.id(), hit.source().contentHash());
        }
      }
      return hashes;
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return Map.of();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read chunks of " + documentId, e);
    }
  }

  /** BM25 over title and text, restricted to the tenant. */
  public List<ScoredChunk> searchText(String tenant, String query, int k) {
    return ranked(s ->
        s.index(ALIAS)
            .size(k)
            .source(src -> src.filter(f -> f.excludes("embedding")))
            .query(q ->
                q.bool(b ->
                    b.filter(term("tenant", tenant))
                        .must(
                            m -> m.multiMatch(mm -> mm.query(query).fields("title^2", "text"))))));
  }

  /** Approximate kNN over embeddings, with the tenant filter applied inside the search. */
  public List<ScoredChunk> searchVector(String tenant, float[] vector, int k) {
    List<Float> queryVector = new ArrayList<>(vector.length);
    for (float v : vector) {
      queryVector.add(v);
    }
    return ranked(s ->
        s.index(ALIAS)
            .size(k)
            .source(src -> src.filter(f -> f.excludes("embedding")))
            .knn(n ->
                n.field("embedding")
                    .queryVector(queryVector)
                    .k(k)
                    .numCandidates(Math.max(50, k * 10))
                    .filter(term("tenant", tenant))));
  }

  /** The chunks with these ids that belong to the tenant, in the order asked. */
  public List<ChunkDocument> fetch(String tenant, List<String> chunkIds) {
    if (chunkIds.isEmpty()) {
      return List.of();
    }
    try {
      var response =
          client.mget(
              m -> m.index(ALIAS).ids(chunkIds).sourceExcludes("embedding"), ChunkDocument.class);
      return response.docs().stream()
          .filter(d -> d.isResult() && d.result().found())
          .map(d -> d.result().source())
          .filter(Objects::nonNull)
          .filter(c -> c.tenant().equals(tenant))
          .toList();
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot fetch chunks", e);
    }
  }

  private List<ScoredChunk> ranked(
      java.util.function.Function<
              co.elastic.clients.elasticsearch.core.SearchRequest.Builder,
              co.elastic.clients.util.ObjectBuilder<
                  co.elastic.clients.elasticsearch.core.SearchRequest>>
          request) {
    try {
      SearchResponse<ChunkDocument> response = client.search(request, ChunkDocument.class);
      List<ScoredChunk> out = new ArrayList<>();
      int rank = 1;
      for (Hit<ChunkDocument> hit : response.hits().hits()) {
        if (hit.source() != null) {
          out.add(new ScoredChunk(hit.source(), rank++, hit.score() == null ? 0 : hit.score()));
        }
      }
      return out;
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return List.of();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot search " + ALIAS, e);
    }
  }

  /** The one field {@link #hashesOf} reads back. */
  private record ContentHash(String contentHash) {}

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }
}
