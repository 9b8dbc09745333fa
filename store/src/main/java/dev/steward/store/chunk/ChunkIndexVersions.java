package dev.steward.store.chunk;

import static dev.steward.store.chunk.ChunkIndex.ALIAS;
import static dev.steward.store.chunk.ChunkIndex.DIMENSIONS;
import static dev.steward.store.chunk.ChunkIndex.INDEX_PREFIX;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.DenseVectorIndexOptionsType;
import co.elastic.clients.elasticsearch._types.mapping.DenseVectorSimilarity;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreUnavailableException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The versions of the chunk index and the alias over them: the mapping, creating a version, and
 * moving the alias from one version to the next without downtime.
 */
public final class ChunkIndexVersions {

  private final ElasticsearchClient client;
  private final IndexAdmin admin;
  private final ChunkIndexProperties properties;

  public ChunkIndexVersions(
      ElasticsearchClient client, IndexAdmin admin, ChunkIndexProperties properties) {
    this.client = client;
    this.admin = admin;
    this.properties = properties;
  }

  /**
   * Creates the configured index version with the alias on a fresh installation. Once the alias
   * exists it is left alone, whatever the configured version: moving to another version is a
   * re-index ({@code POST /v1/admin/reindex}), so searches never meet an empty index.
   */
  public void createIndex() {
    if (currentIndex().isEmpty()) {
      admin.ensure(indexName(properties.indexVersion()), ALIAS, ChunkIndexVersions::mapping);
    }
  }

  /** The index name of a version: {@code steward-chunks-v<version>}. */
  public static String indexName(int version) {
    return INDEX_PREFIX + version;
  }

  /** The configured index version's name. */
  public String configuredIndex() {
    return indexName(properties.indexVersion());
  }

  /** The concrete index the alias points at, if the alias exists. */
  public Optional<String> currentIndex() {
    try {
      if (!client.indices().existsAlias(e -> e.name(ALIAS)).value()) {
        return Optional.empty();
      }
      return client.indices().getAlias(g -> g.name(ALIAS)).aliases().entrySet().stream()
          .filter(e -> !Boolean.FALSE.equals(e.getValue().aliases().get(ALIAS).isWriteIndex()))
          .map(Map.Entry::getKey)
          .sorted()
          .findFirst();
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read alias " + ALIAS, e);
    }
  }

  /** Creates {@code index} with the current mapping and no alias (a re-index target). */
  public void createVersion(String index) {
    admin.ensure(index, null, ChunkIndexVersions::mapping);
  }

  /**
   * Points the alias at {@code to} instead of {@code from} in one request, so every search sees
   * either the old or the new index, never neither. Safe to repeat.
   */
  public void switchAlias(String from, String to) {
    if (currentIndex().filter(to::equals).isPresent()) {
      return;
    }
    try {
      client
          .indices()
          .updateAliases(u -> {
            if (from != null) {
              u.actions(a -> a.remove(r -> r.index(from).alias(ALIAS)));
            }
            return u.actions(a -> a.add(add -> add.index(to).alias(ALIAS).isWriteIndex(true)));
          });
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot move " + ALIAS + " to " + to, e);
    }
  }

  /** Deletes a chunk index that the alias no longer points at; missing is fine. */
  public void deleteIndex(String index) {
    if (currentIndex().filter(index::equals).isPresent()) {
      throw new IllegalStateException("refusing to delete " + index + ": " + ALIAS + " uses it");
    }
    try {
      client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot delete " + index, e);
    }
  }

  private static TypeMapping.Builder mapping(TypeMapping.Builder m) {
    return m.dynamic(DynamicMapping.False)
        .properties("chunkId", p -> p.keyword(k -> k))
        .properties("documentId", p -> p.keyword(k -> k))
        .properties("tenant", p -> p.keyword(k -> k))
        .properties("contentHash", p -> p.keyword(k -> k))
        .properties("position", p -> p.integer(i -> i))
        .properties("indexedAtMillis", p -> p.long_(l -> l))
        .properties(
            "section",
            p ->
                p.text(t ->
                    t.analyzer("english")
                        .fields("keyword", f -> f.keyword(k -> k.ignoreAbove(512)))))
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
                            o.type(DenseVectorIndexOptionsType.Hnsw).m(16).efConstruction(100))));
  }
}
