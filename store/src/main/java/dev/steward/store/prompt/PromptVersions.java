package dev.steward.store.prompt;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreUnavailableException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The prompt versions, one document per {@code promptId@version}, each written with op_type create
 * so that no version is ever overwritten. Writes refresh the index at once: they are rare (admins
 * and start-up), and the next version number is read by a search.
 */
public final class PromptVersions {

  public static final String INDEX = "steward-prompts";

  /** Conflicts a create may meet: each one means another writer took that number a moment ago. */
  static final int MAX_CREATE_ATTEMPTS = 20;

  /** More prompts or versions than any deployment has; lists stop here. */
  static final int MAX_LISTED = 1_000;

  private final ElasticsearchClient client;
  private final IndexAdmin admin;

  PromptVersions(ElasticsearchClient client, IndexAdmin admin) {
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
                .properties("version", p -> p.integer(i -> i))
                .properties("createdBy", p -> p.keyword(k -> k))
                .properties("createdAt", p -> p.date(d -> d))
                .properties("contentHash", p -> p.keyword(k -> k)));
  }

  /**
   * Stores new templates as the prompt's next version. Two admins creating at once get distinct
   * numbers: the loser of a race for a number takes the next one.
   *
   * @throws PromptConflictException when {@link #MAX_CREATE_ATTEMPTS} numbers in a row were taken
   */
  public PromptVersion createNext(
      String promptId, String system, String user, String note, String createdBy, Instant now) {
    int next = latest(promptId) + 1;
    for (int attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++, next++) {
      PromptVersion version = PromptVersion.of(promptId, next, system, user, note, createdBy, now);
      if (tryCreate(version)) {
        return version;
      }
    }
    throw new PromptConflictException(
        "other versions of "
            + promptId
            + " were being created at the same time; "
            + MAX_CREATE_ATTEMPTS
            + " numbers in a row were taken. Retry.");
  }

  /**
   * Stores {@code version} unless its number exists; an existing one must hold the same templates.
   *
   * @return whether this call stored it
   * @throws PromptConflictException when the stored version's templates differ
   */
  boolean createOrVerify(PromptVersion version) {
    if (tryCreate(version)) {
      return true;
    }
    PromptVersion stored =
        find(version.promptId(), version.version())
            .orElseThrow(() -> new IllegalStateException(version.ref() + " vanished"));
    if (!stored.contentHash().equals(version.contentHash())) {
      throw new PromptConflictException(
          "the bundled template of "
              + version.ref()
              + " differs from the stored "
              + version.ref()
              + " (created by "
              + stored.createdBy()
              + " at "
              + stored.createdAt()
              + "). Prompt versions are immutable: give the changed template a new version"
              + " number in its task type's YAML.");
    }
    return false;
  }

  /** Whether the create went through; false when the number was already taken. */
  private boolean tryCreate(PromptVersion version) {
    try {
      client.create(c -> c.index(INDEX).id(version.ref()).document(version).refresh(Refresh.True));
      return true;
    } catch (ElasticsearchException e) {
      if (e.status() == 409) {
        return false;
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot store prompt " + version.ref(), e);
    }
  }

  /** One version, read in real time (a GET, not a search). */
  public Optional<PromptVersion> find(String promptId, int version) {
    try {
      return Optional.ofNullable(
          client
              .get(
                  g -> g.index(INDEX).id(PromptVersion.ref(promptId, version)), PromptVersion.class)
              .source());
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot read prompt " + PromptVersion.ref(promptId, version), e);
    }
  }

  /** The prompt's versions, oldest first, without their templates (null there). */
  public List<PromptVersion> list(String promptId) {
    try {
      return client
          .search(
              s ->
                  s.index(INDEX)
                      .query(q -> q.term(t -> t.field("promptId").value(promptId)))
                      .source(src -> src.filter(f -> f.excludes("system", "user")))
                      .sort(o -> o.field(f -> f.field("version").order(SortOrder.Asc)))
                      .size(MAX_LISTED),
              PromptVersion.class)
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
      throw new StoreUnavailableException("cannot list versions of prompt " + promptId, e);
    }
  }

  /** The highest version of each stored prompt, by prompt id. */
  public Map<String, Integer> latestByPrompt() {
    try {
      var response =
          client.search(
              s ->
                  s.index(INDEX)
                      .size(0)
                      .aggregations(
                          "prompts",
                          a ->
                              a.terms(t -> t.field("promptId").size(MAX_LISTED))
                                  .aggregations("latest", l -> l.max(x -> x.field("version")))),
              Void.class);
      Map<String, Integer> latest = new TreeMap<>();
      for (StringTermsBucket bucket :
          response.aggregations().get("prompts").sterms().buckets().array()) {
        latest.put(
            bucket.key().stringValue(),
            bucket.aggregations().get("latest").max().value().intValue());
      }
      return latest;
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return Map.of();
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot list prompts", e);
    }
  }

  /** The prompt's highest version number; 0 when it has none. */
  int latest(String promptId) {
    try {
      var hits =
          client
              .search(
                  s ->
                      s.index(INDEX)
                          .query(q -> q.term(t -> t.field("promptId").value(promptId)))
                          .source(src -> src.filter(f -> f.includes("version")))
                          .sort(o -> o.field(f -> f.field("version").order(SortOrder.Desc)))
                          .size(1),
                  PromptVersion.class)
              .hits()
              .hits();
      return hits.isEmpty() || hits.getFirst().source() == null
          ? 0
          : hits.getFirst().source().version();
    } catch (ElasticsearchException e) {
      if (IndexAdmin.isMissingIndex(e)) {
        return 0;
      }
      throw e;
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read versions of prompt " + promptId, e);
    }
  }
}
