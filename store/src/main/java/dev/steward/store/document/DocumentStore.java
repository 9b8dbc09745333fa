package dev.steward.store.document;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreUnavailableException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Raw uploads and their ingestion status. Large documents live here, so that workflows pass only a
 * document id through their history.
 */
public final class DocumentStore {

  public static final String SOURCES = "steward-sources";
  public static final String STATUS = "steward-documents";

  private final ElasticsearchClient client;
  private final IndexAdmin admin;

  public DocumentStore(ElasticsearchClient client, IndexAdmin admin) {
    this.client = client;
    this.admin = admin;
  }

  /** Fields of the sources index; new ones are added to an existing index at start. */
  private static final Map<String, Property> SOURCE_FIELDS =
      Map.of(
          "documentId", Property.of(p -> p.keyword(k -> k)),
          "tenant", Property.of(p -> p.keyword(k -> k)),
          "contentHash", Property.of(p -> p.keyword(k -> k)),
          "receivedAtMillis", Property.of(p -> p.long_(l -> l)),
          "data", Property.of(p -> p.binary(b -> b)));

  public void createIndices() {
    admin.ensure(SOURCES, null, m -> m.dynamic(DynamicMapping.False).properties(SOURCE_FIELDS));
    try {
      // Adding fields is allowed on a live index; an index from an older version gains them here.
      client.indices().putMapping(m -> m.index(SOURCES).properties(SOURCE_FIELDS));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot update the mapping of " + SOURCES, e);
    }
    admin.ensure(
        STATUS,
        null,
        m ->
            m.dynamic(DynamicMapping.False)
                .properties("documentId", p -> p.keyword(k -> k))
                .properties("tenant", p -> p.keyword(k -> k))
                .properties("state", p -> p.keyword(k -> k)));
  }

  public void saveSource(DocumentSource source) {
    write(SOURCES, key(source.tenant(), source.documentId()), source);
  }

  public Optional<DocumentSource> source(String tenant, String documentId) {
    return read(SOURCES, key(tenant, documentId), DocumentSource.class);
  }

  public void saveStatus(DocumentStatus status) {
    write(STATUS, key(status.tenant(), status.documentId()), status);
  }

  public Optional<DocumentStatus> status(String tenant, String documentId) {
    return read(STATUS, key(tenant, documentId), DocumentStatus.class);
  }

  /**
   * Deletes the document's source; true if there was one. Ingestion re-checks the source after
   * writing chunks, so deleting it first is what stops a running ingestion from leaving chunks.
   */
  public boolean deleteSource(String tenant, String documentId) {
    return delete(SOURCES, key(tenant, documentId));
  }

  /** Deletes the document's status record; true if there was one. */
  public boolean deleteStatus(String tenant, String documentId) {
    return delete(STATUS, key(tenant, documentId));
  }

  /**
   * One page of stored documents of every tenant, ordered by tenant and id, after {@code after}
   * (null for the first page); with {@code receivedSinceMillis > 0}, only those received since.
   */
  public List<DocumentKey> sourceKeys(DocumentKey after, int size, long receivedSinceMillis) {
    try {
      SearchResponse<DocumentKey> page =
          client.search(
              s -> {
                s.index(SOURCES)
                    .size(size)
                    .source(src -> src.filter(f -> f.includes("tenant", "documentId")))
                    .sort(o -> o.field(f -> f.field("tenant").order(SortOrder.Asc)))
                    .sort(o -> o.field(f -> f.field("documentId").order(SortOrder.Asc)))
                    .query(q ->
                        receivedSinceMillis > 0
                            ? q.range(r ->
                                r.number(n ->
                                    n.field("receivedAtMillis").gte((double) receivedSinceMillis)))
                            : q.matchAll(a -> a));
                if (after != null) {
                  s.searchAfter(FieldValue.of(after.tenant()), FieldValue.of(after.documentId()));
                }
                return s;
              },
              DocumentKey.class);
      return page.hits().hits().stream().map(Hit::source).toList();
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return List.of();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot list " + SOURCES, e);
    }
  }

  /** Documents are keyed per tenant: two tenants may use the same document id. */
  private static String key(String tenant, String documentId) {
    return tenant + "/" + documentId;
  }

  /** No refresh wait: these documents are read back by id, and GET by id is real-time. */
  private void write(String index, String id, Object document) {
    try {
      client.index(i -> i.index(index).id(id).document(document));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot write " + id + " to " + index, e);
    }
  }

  private boolean delete(String index, String id) {
    try {
      return client.delete(d -> d.index(index).id(id)).result() == Result.Deleted;
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return false;
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot delete " + id + " from " + index, e);
    }
  }

  private <T> Optional<T> read(String index, String id, Class<T> type) {
    try {
      return Optional.ofNullable(client.get(g -> g.index(index).id(id), type).source());
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read " + id + " from " + index, e);
    }
  }
}
