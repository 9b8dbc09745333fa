package dev.steward.api.observability;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.LongTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.steward.store.StoreUnavailableException;
import dev.steward.store.trace.TraceDocument;
import dev.steward.store.trace.TraceIndexNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Requesters' feedback per prompt version, over the last {@code steward.metrics.feedback-window}:
 * {@code steward.feedback.rating.mean} (1 to 5) and {@code steward.feedback.ratings} (how many).
 * Read from the trace index, where the API stores feedback, so every API process reports the same
 * values, whichever of them took the feedback.
 */
final class FeedbackScores implements StoredStateGauge {

  static final int MAX_BUCKETS = 500;

  private final ElasticsearchClient client;
  private final Duration window;
  private final Clock clock;
  private final MultiGauge mean;
  private final MultiGauge count;

  FeedbackScores(ElasticsearchClient client, MeterRegistry registry, Duration window, Clock clock) {
    this.client = client;
    this.window = window;
    this.clock = clock;
    this.mean =
        MultiGauge.builder("steward.feedback.rating.mean")
            .description("Mean requester rating (1-5) per prompt version, over the window")
            .register(registry);
    this.count =
        MultiGauge.builder("steward.feedback.ratings")
            .description("Requester ratings per prompt version, over the window")
            .baseUnit("ratings")
            .register(registry);
  }

  @Override
  public void refresh() {
    List<MultiGauge.Row<?>> means = new ArrayList<>();
    List<MultiGauge.Row<?>> counts = new ArrayList<>();
    for (StringTermsBucket prompt : search()) {
      for (LongTermsBucket version :
          prompt.aggregations().get("versions").lterms().buckets().array()) {
        Tags tags = Tags.of("prompt", prompt.key().stringValue() + "@" + version.key());
        Double rating = version.aggregations().get("rating").avg().value();
        means.add(MultiGauge.Row.of(tags, rating == null ? Double.NaN : rating));
        counts.add(MultiGauge.Row.of(tags, version.docCount()));
      }
    }
    // Versions without feedback in the window vanish: "no score" is not a score of 0.
    mean.register(means, true);
    count.register(counts, true);
  }

  private List<StringTermsBucket> search() {
    List<Query> filters =
        List.of(
            Query.of(q -> q.term(t -> t.field("kind").value(TraceDocument.FEEDBACK))),
            Query.of(q -> q.exists(e -> e.field("rating"))),
            Query.of(q -> q.exists(e -> e.field("promptVersion"))),
            Query.of(q ->
                q.range(r ->
                    r.date(
                        d -> d.field("timestamp").gte(clock.instant().minus(window).toString())))));
    try {
      var aggregations =
          client
              .search(
                  s ->
                      s.index(TraceIndexNames.PATTERN)
                          .ignoreUnavailable(true)
                          .size(0)
                          .query(q -> q.bool(b -> b.filter(filters)))
                          .aggregations(
                              "prompts",
                              a ->
                                  a.terms(t -> t.field("promptId").size(MAX_BUCKETS))
                                      .aggregations(
                                          "versions",
                                          v ->
                                              v.terms(t ->
                                                      t.field("promptVersion").size(MAX_BUCKETS))
                                                  .aggregations(
                                                      "rating",
                                                      r -> r.avg(x -> x.field("rating"))))),
                  Void.class)
              .aggregations();
      // No trace index yet: Elasticsearch answers without aggregations.
      return aggregations.containsKey("prompts")
          ? aggregations.get("prompts").sterms().buckets().array()
          : List.of();
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read feedback scores", e);
    }
  }
}
