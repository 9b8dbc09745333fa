package dev.steward.api.evaluation;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreUnavailableException;
import dev.steward.store.task.TaskReadModel;
import dev.steward.workflows.task.TaskState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The tenant's tasks a dataset export asks for, from the task read model: by type, status and a
 * window of start times, newest first. The read model's own list has no time window, so this query
 * is written here against its index and mapped fields.
 */
@Component
class RecordedTasks {

  private final ElasticsearchClient client;

  RecordedTasks(ElasticsearchClient client) {
    this.client = client;
  }

  List<TaskState> find(DatasetQuery query) {
    List<Query> filters = new ArrayList<>();
    filters.add(term("tenant", query.tenant()));
    filters.add(term("status", query.status().name()));
    if (query.taskType() != null) {
      filters.add(term("taskType", query.taskType()));
    }
    if (query.fromMillis() != null || query.toMillis() != null) {
      filters.add(
          Query.of(q ->
              q.range(r ->
                  r.number(n -> {
                    n.field("startedAtMillis");
                    if (query.fromMillis() != null) {
                      n.gte((double) query.fromMillis());
                    }
                    if (query.toMillis() != null) {
                      n.lt((double) query.toMillis());
                    }
                    return n;
                  }))));
    }
    try {
      return client
          .search(
              s ->
                  s.index(TaskReadModel.INDEX)
                      .query(q -> q.bool(b -> b.filter(filters)))
                      .sort(o -> o.field(f -> f.field("startedAtMillis").order(SortOrder.Desc)))
                      .size(query.limit()),
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
      throw new StoreUnavailableException("cannot list tasks for a dataset", e);
    }
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }
}
