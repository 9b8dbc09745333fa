package dev.steward.api.observability;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreUnavailableException;
import dev.steward.store.task.TaskReadModel;
import dev.steward.workflows.task.TaskStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code steward.approvals.pending}: the tasks waiting for an approver, by tenant and task type,
 * counted in the task read model. A pair that had pending approvals and has none now reads 0 rather
 * than vanishing, so that "back to zero" shows on a graph.
 */
final class PendingApprovals implements StoredStateGauge {

  /** More tenants or task types than this are not counted; they would swamp any dashboard. */
  static final int MAX_BUCKETS = 500;

  private final ElasticsearchClient client;
  private final MultiGauge gauge;
  private final Set<Tags> seen = ConcurrentHashMap.newKeySet();

  PendingApprovals(ElasticsearchClient client, MeterRegistry registry) {
    this.client = client;
    this.gauge =
        MultiGauge.builder("steward.approvals.pending")
            .description("Tasks waiting for an approver, from the task read model")
            .register(registry);
  }

  @Override
  public void refresh() {
    Map<Tags, Long> counts = new HashMap<>();
    for (StringTermsBucket tenant : count()) {
      for (StringTermsBucket type : tenant.aggregations().get("types").sterms().buckets().array()) {
        counts.put(
            Tags.of("tenant", tenant.key().stringValue(), "task_type", type.key().stringValue()),
            type.docCount());
      }
    }
    seen.addAll(counts.keySet());
    gauge.register(
        seen.stream().map(tags -> MultiGauge.Row.of(tags, counts.getOrDefault(tags, 0L))).toList(),
        true);
  }

  private Iterable<StringTermsBucket> count() {
    try {
      return client
          .search(
              s ->
                  s.index(TaskReadModel.INDEX)
                      .size(0)
                      .query(q ->
                          q.term(t -> t.field("status").value(TaskStatus.AWAITING_APPROVAL.name())))
                      .aggregations(
                          "tenants",
                          a ->
                              a.terms(t -> t.field("tenant").size(MAX_BUCKETS))
                                  .aggregations(
                                      "types",
                                      b -> b.terms(t -> t.field("taskType").size(MAX_BUCKETS)))),
              Void.class)
          .aggregations()
          .get("tenants")
          .sterms()
          .buckets()
          .array();
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return List.of();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot count pending approvals", e);
    }
  }
}
