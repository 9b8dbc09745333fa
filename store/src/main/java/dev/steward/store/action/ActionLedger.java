package dev.steward.store.action;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreUnavailableException;
import java.io.IOException;
import java.util.Optional;

/**
 * Where side effects are recorded, keyed by task id: creating a record is the execution, so a
 * retried activity finds the first one instead of acting twice.
 */
public final class ActionLedger {

  public static final String INDEX = "steward-actions";

  private final ElasticsearchClient client;
  private final IndexAdmin admin;

  public ActionLedger(ElasticsearchClient client, IndexAdmin admin) {
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
                .properties("actionKind", p -> p.keyword(k -> k)));
  }

  /**
   * Records the action unless the task already has one.
   *
   * @return the stored record and whether this call created it
   */
  public Recorded recordOnce(ActionRecord record) {
    try {
      client.create(c -> c.index(INDEX).id(record.taskId()).document(record));
      return new Recorded(record, true);
    } catch (ElasticsearchException e) {
      if (e.status() != 409) {
        throw e;
      }
      return new Recorded(find(record.taskId()).orElseThrow(), false);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot record action of " + record.taskId(), e);
    }
  }

  public Optional<ActionRecord> find(String taskId) {
    try {
      return Optional.ofNullable(
          client.get(g -> g.index(INDEX).id(taskId), ActionRecord.class).source());
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read action of " + taskId, e);
    }
  }

  /** How many action records exist for the task: 0 or 1 when the ledger works. */
  public long countFor(String taskId) {
    try {
      client.indices().refresh(r -> r.index(INDEX));
      return client
          .count(c -> c.index(INDEX).query(q -> q.term(t -> t.field("taskId").value(taskId))))
          .count();
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot count actions of " + taskId, e);
    }
  }

  /** A stored action and whether the call that returned it created it. */
  public record Recorded(ActionRecord record, boolean created) {}
}
