package dev.steward.store.prompt;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreUnavailableException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The prompt labels, one document per {@code promptId:label}. A move reads the label and writes it
 * back only if nobody moved it in between (sequence number and primary term), so concurrent moves
 * never lose an entry of the history.
 */
public final class PromptLabels {

  public static final String INDEX = "steward-prompt-labels";

  /** Concurrent moves of one label a move may lose to before it gives up. */
  static final int MAX_MOVE_ATTEMPTS = 10;

  private final ElasticsearchClient client;
  private final IndexAdmin admin;

  PromptLabels(ElasticsearchClient client, IndexAdmin admin) {
    this.client = client;
    this.admin = admin;
  }

  void createIndex() {
    admin.ensure(
        INDEX,
        null,
        m ->
            m.dynamic(DynamicMapping.False)
                .properties("promptId", p -> p.keyword(k -> k))
                .properties("name", p -> p.keyword(k -> k))
                .properties("version", p -> p.integer(i -> i))
                .properties("percent", p -> p.integer(i -> i))
                .properties("updatedAt", p -> p.date(d -> d)));
  }

  static String id(String promptId, String label) {
    return promptId + ":" + label;
  }

  /** One label, read in real time. */
  public Optional<PromptLabel> find(String promptId, String label) {
    return Optional.ofNullable(get(promptId, label)).map(GetResponse::source);
  }

  /** Several labels of one prompt in one round trip; absent ones are left out. */
  public Map<String, PromptLabel> find(String promptId, List<String> labels) {
    try {
      var response =
          client.mget(
              m -> m.index(INDEX).ids(labels.stream().map(l -> id(promptId, l)).toList()),
              PromptLabel.class);
      Map<String, PromptLabel> found = new LinkedHashMap<>();
      for (var item : response.docs()) {
        if (item.isResult() && item.result().found() && item.result().source() != null) {
          PromptLabel label = item.result().source();
          found.put(label.name(), label);
        } else if (item.isFailure()
            && !"index_not_found_exception".equals(item.failure().error().type())) {
          // A shard that cannot answer right now: the caller may retry, as for a lost connection.
          throw new StoreUnavailableException(
              "cannot read labels of prompt " + promptId + ": " + item.failure().error().reason(),
              null);
        }
      }
      return found;
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return Map.of();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read labels of prompt " + promptId, e);
    }
  }

  /** Every label of every prompt (or of one, when {@code promptId} is not null). */
  public List<PromptLabel> list(String promptId) {
    try {
      return client
          .search(
              s ->
                  s.index(INDEX)
                      .query(q ->
                          promptId == null
                              ? q.matchAll(a -> a)
                              : q.term(t -> t.field("promptId").value(promptId)))
                      .sort(o -> o.field(f -> f.field("promptId")))
                      .sort(o -> o.field(f -> f.field("name")))
                      .size(PromptVersions.MAX_LISTED),
              PromptLabel.class)
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
      throw new StoreUnavailableException("cannot list prompt labels", e);
    }
  }

  /**
   * Creates the label unless it exists.
   *
   * @return whether this call created it
   */
  boolean createIfAbsent(PromptLabel label) {
    try {
      client.create(c ->
          c.index(INDEX)
              .id(id(label.promptId(), label.name()))
              .document(label)
              .refresh(Refresh.True));
      return true;
    } catch (ElasticsearchException e) {
      if (e.status() == 409) {
        return false;
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot create label " + id(label.promptId(), label.name()), e);
    }
  }

  /**
   * Writes the label that {@code change} makes of the current one (null when there is none yet),
   * retrying when another move got in first.
   */
  PromptLabel update(String promptId, String name, UnaryOperator<PromptLabel> change) {
    for (int attempt = 0; attempt < MAX_MOVE_ATTEMPTS; attempt++) {
      GetResponse<PromptLabel> current = get(promptId, name);
      PromptLabel next = change.apply(current == null ? null : current.source());
      if (current == null || current.source() == null) {
        if (createIfAbsent(next)) {
          return next;
        }
        continue;
      }
      try {
        client.index(i ->
            i.index(INDEX)
                .id(id(promptId, name))
                .document(next)
                .ifSeqNo(current.seqNo())
                .ifPrimaryTerm(current.primaryTerm())
                .refresh(Refresh.True));
        return next;
      } catch (ElasticsearchException e) {
        if (e.status() != 409) {
          throw e;
        }
      } catch (IOException e) {
        throw new StoreUnavailableException("cannot move label " + id(promptId, name), e);
      }
    }
    throw new PromptConflictException(
        "label "
            + id(promptId, name)
            + " was being moved by others at the same time; "
            + MAX_MOVE_ATTEMPTS
            + " attempts lost the race. Retry.");
  }

  /** The label with its sequence number; null when it does not exist. */
  private GetResponse<PromptLabel> get(String promptId, String label) {
    try {
      GetResponse<PromptLabel> response =
          client.get(g -> g.index(INDEX).id(id(promptId, label)), PromptLabel.class);
      return response.found() ? response : null;
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return null;
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read label " + id(promptId, label), e);
    }
  }
}
