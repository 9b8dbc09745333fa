package dev.steward.store.task;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreUnavailableException;
import dev.steward.workflows.task.TaskState;
import dev.steward.workflows.task.TaskStatus;
import dev.steward.workflows.task.TaskStepTypes.TaskRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The task read model: one document per task, written by the workflow at each state change and read
 * by task lists and the approval inbox. Works with every Temporal server, including the in-process
 * one, which has no list API.
 */
public final class TaskReadModel {

  public static final String INDEX = "steward-tasks";

  /**
   * Lists and the approval inbox see a state change within this interval. Writes do not wait for
   * it: a workflow step must not pay a refresh per state change.
   */
  static final String REFRESH_INTERVAL = "200ms";

  private final ElasticsearchClient client;
  private final IndexAdmin admin;

  public TaskReadModel(ElasticsearchClient client, IndexAdmin admin) {
    this.client = client;
    this.admin = admin;
  }

  public void createIndex() {
    admin.ensure(
        INDEX,
        null,
        REFRESH_INTERVAL,
        m ->
            m.dynamic(DynamicMapping.False)
                .properties("taskId", p -> p.keyword(k -> k))
                .properties("tenant", p -> p.keyword(k -> k))
                .properties("taskType", p -> p.keyword(k -> k))
                .properties("status", p -> p.keyword(k -> k))
                .properties("requestedBy", p -> p.keyword(k -> k))
                .properties("startedAtMillis", p -> p.long_(l -> l))
                .properties("updatedAtMillis", p -> p.long_(l -> l)));
  }

  /**
   * Stores a snapshot unless a newer one is already there: the version is external, so a retried or
   * late write of an older state loses.
   */
  public void save(TaskRecord record) {
    try {
      client.index(i ->
          i.index(INDEX)
              .id(record.state().taskId())
              .document(record.state())
              .version(record.version())
              .versionType(VersionType.External));
    } catch (ElasticsearchException e) {
      if (e.status() != 409) {
        throw e;
      }
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot record task " + record.state().taskId(), e);
    }
  }

  /** The tenant's tasks, newest first, optionally filtered by status and type. */
  public List<TaskState> search(String tenant, TaskStatus status, String taskType, int size) {
    List<Query> filters = new ArrayList<>();
    filters.add(term("tenant", tenant));
    if (status != null) {
      filters.add(term("status", status.name()));
    }
    if (taskType != null) {
      filters.add(term("taskType", taskType));
    }
    try {
      return client
          .search(
              s ->
                  s.index(INDEX)
                      .query(q -> q.bool(b -> b.filter(filters)))
                      .sort(o -> o.field(f -> f.field("updatedAtMillis").order(SortOrder.Desc)))
                      .size(size),
              TaskState.class)
          .hits()
          .hits()
          .stream()
          .map(Hit::source)
          .filter(Objects::nonNull)
          .toList();
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return List.of();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot list tasks", e);
    }
  }

  /** One task of a tenant, as last recorded. */
  public Optional<TaskState> find(String tenant, String taskId) {
    try {
      var response = client.get(g -> g.index(INDEX).id(taskId), TaskState.class);
      return Optional.ofNullable(response.source()).filter(t -> t.tenant().equals(tenant));
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read task " + taskId, e);
    }
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }
}
