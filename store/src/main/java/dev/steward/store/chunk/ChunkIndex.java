package dev.steward.store.chunk;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
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
import java.util.Set;

/**
 * The passage index: BM25 over English-analysed text and kNN over embeddings, both filtered by
 * tenant. Writers and readers use the alias, so a re-index can swap the index beneath it (see
 * {@link ChunkIndexVersions}).
 */
public final class ChunkIndex {

  public static final String ALIAS = "steward-chunks";

  /** Versioned indices are named {@code steward-chunks-v<n>}; the alias points at one of them. */
  public static final String INDEX_PREFIX = "steward-chunks-v";

  public static final int DIMENSIONS = 384;

  private static final String ALL_VERSIONS = INDEX_PREFIX + "*";

  private final ElasticsearchClient client;

  public ChunkIndex(ElasticsearchClient client) {
    this.client = client;
  }

  /**
   * Removes every chunk of the document from every index version, not only the alias's: a re-index
   * may be filling the next version while the document is deleted.
   */
  public long deleteDocument(String tenant, String documentId) {
    try {
      // Search sees only refreshed chunks; a chunk written a moment ago must be found too.
      client.indices().refresh(r -> r.index(ALL_VERSIONS).ignoreUnavailable(true));
      SearchResponse<Void> found =
          client.search(
              s ->
                  s.index(ALL_VERSIONS)
                      .ignoreUnavailable(true)
                      .source(src -> src.fetch(false))
                      .size(10_000)
                      .query(q ->
                          q.bool(b ->
                              b.filter(term("tenant", tenant))
                                  .filter(term("documentId", documentId)))),
              Void.class);
      List<Hit<Void>> hits = found.hits().hits();
      if (hits.isEmpty()) {
        return 0;
      }
      BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
      for (Hit<Void> hit : hits) {
        bulk.operations(o -> o.delete(d -> d.index(hit.index()).id(hit.id())));
      }
      client.bulk(bulk.build());
      return hits.size();
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot delete chunks of " + documentId, e);
    }
  }

  /** Writes chunks in one bulk request; their ids make a repeat overwrite, never duplicate. */
  public void upsert(Collection<ChunkDocument> chunks) {
    upsert(ALIAS, chunks);
  }

  /** As {@link #upsert(Collection)}, into a given index (a re-index target). */
  public void upsert(String index, Collection<ChunkDocument> chunks) {
    if (chunks.isEmpty()) {
      return;
    }
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (ChunkDocument chunk : chunks) {
      bulk.operations(o -> o.index(i -> i.index(index).id(chunk.chunkId()).document(chunk)));
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
    return deleteFrom(ALIAS, tenant, documentId, fromPosition);
  }

  /** As {@link #deleteFrom(String, String, int)}, in a given index (a re-index target). */
  public long deleteFrom(String index, String tenant, String documentId, int fromPosition) {
    try {
      SearchResponse<Void> stale =
          client.search(
              s ->
                  s.index(index)
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
        bulk.operations(o -> o.delete(d -> d.index(index).id(id)));
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
    refresh(ALIAS);
  }

  /** Makes recent writes to {@code index} visible to search. */
  public void refresh(String index) {
    try {
      client.indices().refresh(r -> r.index(index));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot refresh " + index, e);
    }
  }

  /** The content hash of each chunk the document has now, by chunk id. */
  public Map<String, String> hashesOf(String tenant, String documentId) {
    return hashesOf(ALIAS, tenant, documentId);
  }

  /** As {@link #hashesOf(String, String)}, in a given index (a re-index target). */
  public Map<String, String> hashesOf(String index, String tenant, String documentId) {
    try {
      SearchResponse<ContentHash> response =
          client.search(
              s ->
                  s.index(index)
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

  /** Metadata fields a search may filter on, exactly (keyword fields of the mapping). */
  public static final Set<String> FILTERABLE = Set.of("documentId");

  /** BM25 over title and text, restricted to the tenant and the filters. */
  public List<ScoredChunk> searchText(
      String tenant, String query, int k, Map<String, String> filters) {
    List<Query> restrictions = restrictions(tenant, filters);
    return ranked(s ->
        s.index(ALIAS)
            .size(k)
            .source(src -> src.filter(f -> f.excludes("embedding")))
            .query(q ->
                q.bool(b ->
                    b.filter(restrictions)
                        .must(
                            m -> m.multiMatch(mm -> mm.query(query).fields("title^2", "text"))))));
  }

  /**
   * Approximate kNN over embeddings. The tenant and metadata filters apply inside the kNN search,
   * so another tenant's vectors can never fill the k slots.
   */
  public List<ScoredChunk> searchVector(
      String tenant, float[] vector, int k, Map<String, String> filters) {
    List<Float> queryVector = new ArrayList<>(vector.length);
    for (float v : vector) {
      queryVector.add(v);
    }
    List<Query> restrictions = restrictions(tenant, filters);
    return ranked(s ->
        s.index(ALIAS)
            .size(k)
            .source(src -> src.filter(f -> f.excludes("embedding")))
            .knn(n ->
                n.field("embedding")
                    .queryVector(queryVector)
                    .k(k)
                    .numCandidates(Math.max(100, k * 10))
                    .filter(restrictions)));
  }

  private static List<Query> restrictions(String tenant, Map<String, String> filters) {
    if (tenant == null || tenant.isBlank()) {
      throw new IllegalArgumentException("a search needs a tenant");
    }
    List<Query> out = new ArrayList<>();
    out.add(term("tenant", tenant));
    filters.forEach((field, value) -> {
      if (!FILTERABLE.contains(field)) {
        throw new IllegalArgumentException(
            "cannot filter on '" + field + "'; filterable fields: " + FILTERABLE);
      }
      out.add(term(field, value));
    });
    return out;
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

  /**
   * The content hash of each of these chunks that exists in {@code index}, by chunk id. A real-time
   * multi-get: it sees chunks written a moment ago, before any refresh, so a retried batch skips
   * what its failed attempt already wrote.
   */
  public Map<String, String> hashesById(String index, List<String> chunkIds) {
    if (chunkIds.isEmpty()) {
      return Map.of();
    }
    try {
      var response =
          client.mget(
              m -> m.index(index).ids(chunkIds).sourceIncludes("contentHash"), ContentHash.class);
      Map<String, String> hashes = new HashMap<>();
      for (var doc : response.docs()) {
        if (doc.isResult() && doc.result().found() && doc.result().source() != null) {
          hashes.put(doc.result().id(), doc.result().source().contentHash());
        }
      }
      return hashes;
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return Map.of();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read chunks from " + index, e);
    }
  }

  /** The one field {@link #hashesOf} reads back. */
  private record ContentHash(String contentHash) {}

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }
}
