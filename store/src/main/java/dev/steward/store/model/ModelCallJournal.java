package dev.steward.store.model;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreUnavailableException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Remembers the answer of each finished model call of a task step, so that a step retried after its
 * worker died (the call paid for, the result never reported to Temporal) returns that answer
 * instead of paying for the call again.
 *
 * <p>Entries hold model output and token counts; the model only ever saw the screened input, with
 * personal data replaced by placeholders. They matter only while the task's run is open, so {@link
 * #deleteRecordedBefore} removes old ones (the worker runs it daily).
 *
 * <p>The journal serves cost, not correctness: when Elasticsearch cannot be read or written, the
 * step calls the model as it would without a journal rather than failing.
 */
public final class ModelCallJournal {

  public static final String INDEX = "steward-model-calls";

  private static final Logger log = LoggerFactory.getLogger(ModelCallJournal.class);
  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
  private static final int DELETE_PAGE = 500;

  private final ElasticsearchClient client;
  private final IndexAdmin admin;
  private final JsonMapper json = JsonMapper.builder().build();

  public ModelCallJournal(ElasticsearchClient client, IndexAdmin admin) {
    this.client = client;
    this.admin = admin;
  }

  public void createIndex() {
    // The answer stays in _source only: nothing searches model output.
    admin.ensure(
        INDEX,
        null,
        m ->
            m.dynamic(DynamicMapping.False)
                .properties("taskId", p -> p.keyword(k -> k))
                .properties("step", p -> p.keyword(k -> k))
                .properties("attempt", p -> p.integer(i -> i))
                .properties("recordedAtMillis", p -> p.long_(l -> l)));
  }

  /**
   * The recorded answer of this call if there is one; otherwise makes the call and records its
   * answer. A lookup is a GET by id, which is real-time: no refresh is needed to see a write.
   */
  public <T> T once(ModelCallKey key, Class<T> type, Supplier<T> call) {
    Optional<T> recorded = find(key, type);
    if (recorded.isPresent()) {
      log.info("{} was answered before this attempt; returning the recorded answer", key.id());
      return recorded.get();
    }
    T answer = call.get();
    record(key, answer);
    return answer;
  }

  /** The recorded answer, if any; empty when none is recorded or the journal cannot be read. */
  public <T> Optional<T> find(ModelCallKey key, Class<T> type) {
    try {
      ModelCallRecord entry =
          client.get(g -> g.index(INDEX).id(key.id()), ModelCallRecord.class).source();
      return Optional.ofNullable(entry).map(e -> json.convertValue(e.answer(), type));
    } catch (ElasticsearchException e) {
      if (!IndexAdmin.isMissingIndex(e)) {
        log.warn("cannot read the model-call journal for {}; calling the model", key.id(), e);
      }
      return Optional.empty();
    } catch (IOException e) {
      log.warn("cannot reach the model-call journal for {}; calling the model", key.id(), e);
      return Optional.empty();
    } catch (JacksonException | IllegalArgumentException e) {
      // Recorded by a version whose result type differed: not an answer this step can use.
      log.warn("unreadable model-call journal entry {}; calling the model", key.id(), e);
      return Optional.empty();
    }
  }

  /**
   * Records an answer once: a second write for the same key (a stale attempt finishing late) leaves
   * the first in place.
   */
  public void record(ModelCallKey key, Object answer) {
    ModelCallRecord entry =
        new ModelCallRecord(
            key.taskId(),
            key.step(),
            key.attempt(),
            json.convertValue(answer, JSON_OBJECT),
            System.currentTimeMillis());
    try {
      client.create(c -> c.index(INDEX).id(key.id()).document(entry));
    } catch (ElasticsearchException e) {
      if (e.status() != 409) {
        log.warn("cannot record model call {}; a retry would call the model again", key.id(), e);
      }
    } catch (IOException e) {
      log.warn("cannot record model call {}; a retry would call the model again", key.id(), e);
    }
  }

  /**
   * Deletes the entries recorded before {@code epochMillis}, a page at a time (delete-by-query
   * needs Elasticsearch's reindex module, which the embedded node does not have).
   *
   * @return how many were deleted
   */
  public long deleteRecordedBefore(long epochMillis) {
    long deleted = 0;
    List<FieldValue> after = null;
    try {
      while (true) {
        List<FieldValue> from = after;
        List<Hit<ModelCallRecord>> hits =
            client
                .search(
                    s -> {
                      s.index(INDEX)
                          .size(DELETE_PAGE)
                          .source(src -> src.fetch(false))
                          .query(q ->
                              q.range(r ->
                                  r.number(
                                      n -> n.field("recordedAtMillis").lt((double) epochMillis))))
                          .sort(o -> o.field(f -> f.field("recordedAtMillis")))
                          .sort(o -> o.field(f -> f.field("taskId")))
                          .sort(o -> o.field(f -> f.field("step")))
                          .sort(o -> o.field(f -> f.field("attempt")));
                      if (from != null) {
                        s.searchAfter(from);
                      }
                      return s;
                    },
                    ModelCallRecord.class)
                .hits()
                .hits();
        if (hits.isEmpty()) {
          return deleted;
        }
        client.bulk(b -> {
          hits.forEach(h -> b.operations(op -> op.delete(d -> d.index(INDEX).id(h.id()))));
          return b;
        });
        deleted += hits.size();
        if (hits.size() < DELETE_PAGE) {
          return deleted;
        }
        after = hits.getLast().sort();
      }
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return deleted;
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot delete old model-call journal entries", e);
    }
  }
}
