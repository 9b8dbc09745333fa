package dev.steward.store.redaction;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreUnavailableException;
import java.io.IOException;
import java.util.Optional;

/**
 * Where redacted values wait, outside prompts and workflow history, for the step or auditor that
 * may restore them. The values are kept in the document source only: nothing indexes or searches
 * them.
 */
public class RedactionStore {

  public static final String INDEX = "steward-redactions";

  private final ElasticsearchClient client;
  private final IndexAdmin admin;

  public RedactionStore(ElasticsearchClient client, IndexAdmin admin) {
    this.client = client;
    this.admin = admin;
  }

  public void createIndex() {
    admin.ensure(
        INDEX,
        null,
        m ->
            m.dynamic(DynamicMapping.False)
                .properties("taskId", p -> p.keyword(k -> k))
                .properties("tenant", p -> p.keyword(k -> k))
                .properties("kinds", p -> p.keyword(k -> k))
                .properties("values", p -> p.object(o -> o.enabled(false)))
                .properties("createdAtMillis", p -> p.long_(l -> l)));
  }

  /**
   * Stores the task's redactions, replacing any earlier write: a retried screening derives the same
   * placeholders from the same input, so the last write is as good as the first.
   */
  public void save(RedactionRecord record) {
    try {
      client.index(i -> i.index(INDEX).id(record.taskId()).document(record));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot store redactions of " + record.taskId(), e);
    }
  }

  /** The task's redactions, if it had any and belongs to {@code tenant}. */
  public Optional<RedactionRecord> find(String tenant, String taskId) {
    try {
      return Optional.ofNullable(
              client.get(g -> g.index(INDEX).id(taskId), RedactionRecord.class).source())
          .filter(r -> r.tenant().equals(tenant));
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read redactions of " + taskId, e);
    }
  }
}
