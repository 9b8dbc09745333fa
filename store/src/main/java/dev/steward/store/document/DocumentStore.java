package dev.steward.store.document;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreUnavailableException;
import java.io.IOException;
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

  public void createIndices() {
    admin.ensure(
        SOURCES,
        null,
        m ->
            m.dynamic(DynamicMapping.False)
                .properties("documentId", p -> p.keyword(k -> k))
                .properties("tenant", p -> p.keyword(k -> k))
                .properties("contentHash", p -> p.keyword(k -> k)));
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
