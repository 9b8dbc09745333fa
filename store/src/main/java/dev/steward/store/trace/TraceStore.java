package dev.steward.store.trace;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.LongTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.steward.store.StoreProperties;
import dev.steward.store.StoreUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The trace records of every task, in daily indices ({@link TraceIndexNames}) that share one index
 * template and are deleted whole when they pass their retention. Every read is within one tenant.
 */
public final class TraceStore {

  public static final String TEMPLATE = "steward-traces";

  /** Most records a task's trace returns; a task has a few dozen steps at most. */
  static final int MAX_TASK_RECORDS = 1000;

  /** Most prompts and versions a feedback summary lists. */
  static final int MAX_SUMMARY_BUCKETS = 200;

  private final ElasticsearchClient client;
  private final StoreProperties store;
  private final TraceProperties properties;

  public TraceStore(ElasticsearchClient client, StoreProperties store, TraceProperties properties) {
    this.client = client;
    this.store = store;
    this.properties = properties;
  }

  /**
   * Puts the index template every daily index is created from; run at start, and safe to repeat (a
   * changed mapping applies from the next day's index on).
   */
  public void createTemplate() {
    try {
      client
          .indices()
          .putIndexTemplate(p ->
              p.name(TEMPLATE)
                  .indexPatterns(TraceIndexNames.PATTERN)
                  .template(t ->
                      t.settings(s ->
                              s.numberOfShards("1")
                                  .numberOfReplicas(Integer.toString(store.replicas()))
                                  .refreshInterval(r -> r.time(properties.refreshInterval())))
                          .mappings(m ->
                              m.dynamic(DynamicMapping.False)
                                  .properties("id", k -> k.keyword(x -> x))
                                  .properties("kind", k -> k.keyword(x -> x))
                                  .properties("taskId", k -> k.keyword(x -> x))
                                  .properties("runId", k -> k.keyword(x -> x))
                                  .properties("tenant", k -> k.keyword(x -> x))
                                  .properties("taskType", k -> k.keyword(x -> x))
                                  .properties("step", k -> k.keyword(x -> x))
                                  .properties("attempt", k -> k.integer(x -> x))
                                  .properties("taskAttempt", k -> k.integer(x -> x))
                                  .properties("promptId", k -> k.keyword(x -> x))
                                  .properties("promptVersion", k -> k.integer(x -> x))
                                  .properties("promptLabel", k -> k.keyword(x -> x))
                                  .properties("provider", k -> k.keyword(x -> x))
                                  .properties("model", k -> k.keyword(x -> x))
                                  .properties("tokensIn", k -> k.long_(x -> x))
                                  .properties("tokensOut", k -> k.long_(x -> x))
                                  .properties("costUsd", k -> k.double_(x -> x))
                                  .properties("latencyMillis", k -> k.long_(x -> x))
                                  .properties("verdictTerms", k -> k.keyword(x -> x))
                                  .properties("outcome", k -> k.keyword(x -> x))
                                  .properties("rating", k -> k.integer(x -> x))
                                  .properties("timestamp", k -> k.date(x -> x)))));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot create the trace index template", e);
    }
  }

  /**
   * Writes records in one bulk request, each to the index of its day; writing a record again
   * replaces it, so a batch may be retried whole.
   *
   * @return the records Elasticsearch refused for now (overloaded, shard unavailable) and that a
   *     later retry may write; records refused for good (a malformed document) are not returned
   * @throws StoreUnavailableException when Elasticsearch cannot be reached: nothing was written
   */
  public List<TraceDocument> write(List<TraceDocument> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    List<BulkOperation> operations = new ArrayList<>(records.size());
    for (TraceDocument r : records) {
      operations.add(
          BulkOperation.of(o ->
              o.index(
                  i -> i.index(TraceIndexNames.forInstant(r.timestamp())).id(r.id()).document(r))));
    }
    BulkResponse response;
    try {
      response = client.bulk(b -> b.operations(operations));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot write " + records.size() + " traces", e);
    }
    if (!response.errors()) {
      return List.of();
    }
    List<TraceDocument> retry = new ArrayList<>();
    List<BulkResponseItem> items = response.items();
    for (int i = 0; i < items.size(); i++) {
      int status = items.get(i).status();
      if (items.get(i).error() != null && (status == 429 || status >= 500)) {
        retry.add(records.get(i));
      }
    }
    return retry;
  }

  /**
   * Stores the requester's feedback on a task in the index of the day the task started, under an id
   * of the task's own: feedback given again replaces the earlier one. Searchable on return.
   */
  public void saveFeedback(TraceDocument feedback, Instant taskStartedAt) {
    try {
      client.index(i ->
          i.index(TraceIndexNames.forInstant(taskStartedAt))
              .id(feedbackId(feedback.taskId()))
              .document(feedback)
              .refresh(Refresh.WaitFor));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot store feedback on " + feedback.taskId(), e);
    }
  }

  /** The id of a task's feedback record: one per task. */
  public static String feedbackId(String taskId) {
    return taskId + ":feedback";
  }

  /** A task's records in the order they happened; empty for another tenant's task. */
  public List<TraceDocument> taskTrace(String tenant, String taskId) {
    try {
      return sources(
          client.search(
              s ->
                  s.index(TraceIndexNames.PATTERN)
                      .ignoreUnavailable(true)
                      .query(q ->
                          q.bool(b -> b.filter(term("tenant", tenant), term("taskId", taskId))))
                      .sort(o -> o.field(f -> f.field("timestamp").order(SortOrder.Asc)))
                      .size(MAX_TASK_RECORDS),
              TraceDocument.class));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read the trace of " + taskId, e);
    }
  }

  /** The records a query matches, newest first. */
  public TracePage search(TraceQuery query) {
    List<Query> filters = filters(query);
    try {
      SearchResponse<TraceDocument> response =
          client.search(
              s ->
                  s.index(TraceIndexNames.PATTERN)
                      .ignoreUnavailable(true)
                      .query(q -> q.bool(b -> b.filter(filters)))
                      .sort(o -> o.field(f -> f.field("timestamp").order(SortOrder.Desc)))
                      .from(query.page() * query.size())
                      .size(query.size())
                      .trackTotalHits(t -> t.enabled(true)),
              TraceDocument.class);
      long total = response.hits().total() == null ? 0 : response.hits().total().value();
      return new TracePage(total, query.page(), query.size(), sources(response));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot search traces", e);
    }
  }

  /**
   * Feedback counted per prompt version, within one tenant.
   *
   * @param promptId null for every prompt
   * @param from inclusive, or null
   * @param to exclusive, or null
   */
  public List<PromptFeedback> feedbackSummary(
      String tenant, String promptId, Instant from, Instant to) {
    TraceQuery query =
        new TraceQuery(
            tenant,
            null,
            null,
            promptId,
            null,
            null,
            null,
            null,
            TraceDocument.FEEDBACK,
            from,
            to,
            0,
            1);
    List<Query> filters = new ArrayList<>(filters(query));
    filters.add(Query.of(q -> q.exists(e -> e.field("rating"))));
    filters.add(Query.of(q -> q.exists(e -> e.field("promptVersion"))));
    try {
      SearchResponse<Void> response =
          client.search(
              s ->
                  s.index(TraceIndexNames.PATTERN)
                      .ignoreUnavailable(true)
                      .size(0)
                      .query(q -> q.bool(b -> b.filter(filters)))
                      .aggregations(
                          "prompts",
                          a ->
                              a.terms(t -> t.field("promptId").size(MAX_SUMMARY_BUCKETS))
                                  .aggregations(
                                      "versions",
                                      v ->
                                          v.terms(t ->
                                                  t.field("promptVersion")
                                                      .size(MAX_SUMMARY_BUCKETS))
                                              .aggregations(
                                                  "rating", r -> r.avg(x -> x.field("rating"))))),
              Void.class);
      Aggregate prompts = response.aggregations().get("prompts");
      if (prompts == null) {
        // No trace index yet: Elasticsearch answers without aggregations.
        return List.of();
      }
      List<PromptFeedback> summary = new ArrayList<>();
      for (StringTermsBucket prompt : prompts.sterms().buckets().array()) {
        for (LongTermsBucket version :
            prompt.aggregations().get("versions").lterms().buckets().array()) {
          Double mean = version.aggregations().get("rating").avg().value();
          summary.add(
              new PromptFeedback(
                  prompt.key().stringValue(),
                  (int) version.key(),
                  version.docCount(),
                  mean == null ? 0 : mean));
        }
      }
      return summary;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot summarise feedback", e);
    }
  }

  /**
   * Deletes the daily indices whose every record is older than {@code cutoff}, naming each one
   * (Elasticsearch refuses wildcard deletes by default).
   *
   * @return the indices deleted
   */
  public List<String> deleteIndicesOlderThan(Instant cutoff) {
    try {
      List<String> old =
          client
              .indices()
              .get(g -> g.index(TraceIndexNames.PATTERN).ignoreUnavailable(true))
              .indices()
              .keySet()
              .stream()
              .filter(index -> TraceIndexNames.isOlderThan(index, cutoff))
              .sorted()
              .toList();
      if (!old.isEmpty()) {
        client.indices().delete(d -> d.index(old).ignoreUnavailable(true));
      }
      return old;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot delete old trace indices", e);
    }
  }

  private static List<Query> filters(TraceQuery query) {
    List<Query> filters = new ArrayList<>();
    filters.add(term("tenant", query.tenant()));
    addTerm(filters, "taskType", query.taskType());
    addTerm(filters, "step", query.step());
    addTerm(filters, "promptId", query.promptId());
    addTerm(filters, "model", query.model());
    addTerm(filters, "verdictTerms", query.verdict());
    addTerm(filters, "outcome", query.outcome());
    addTerm(filters, "kind", query.kind());
    if (query.promptVersion() != null) {
      filters.add(
          Query.of(q ->
              q.term(t ->
                  t.field("promptVersion")
                      .value(FieldValue.of(query.promptVersion().longValue())))));
    }
    if (query.from() != null || query.to() != null) {
      filters.add(
          Query.of(q ->
              q.range(r ->
                  r.date(d -> {
                    d.field("timestamp");
                    if (query.from() != null) {
                      d.gte(query.from().toString());
                    }
                    if (query.to() != null) {
                      d.lt(query.to().toString());
                    }
                    return d;
                  }))));
    }
    return filters;
  }

  private static void addTerm(List<Query> filters, String field, String value) {
    if (value != null) {
      filters.add(term(field, value));
    }
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }

  private static List<TraceDocument> sources(SearchResponse<TraceDocument> response) {
    return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
  }
}
