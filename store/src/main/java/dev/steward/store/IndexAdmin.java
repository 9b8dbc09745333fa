package dev.steward.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** Creates Steward's indices when they are missing; safe to run from every process at start. */
public final class IndexAdmin {

  private final ElasticsearchClient client;
  private final StoreProperties properties;

  public IndexAdmin(ElasticsearchClient client, StoreProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  /**
   * Creates {@code index} with {@code mappings} unless it exists; with {@code alias}, the alias
   * points at it (versioned indices behind a stable name).
   */
  public void ensure(
      String index, String alias, Function<TypeMapping.Builder, TypeMapping.Builder> mappings) {
    ensure(index, alias, null, mappings);
  }

  /**
   * As {@link #ensure(String, String, Function)}, with a refresh interval other than the default (1
   * s) for indices whose searches must follow writes closely.
   */
  public void ensure(
      String index,
      String alias,
      String refreshInterval,
      Function<TypeMapping.Builder, TypeMapping.Builder> mappings) {
    try {
      if (client.indices().exists(e -> e.index(index)).value()) {
        return;
      }
      client
          .indices()
          .create(c -> {
            c.index(index).settings(this::settings).mappings(mappings::apply);
            if (alias != null) {
              c.aliases(alias, a -> a.isWriteIndex(true));
            }
            return c;
          });
    } catch (ElasticsearchException e) {
      // Another process created it between our check and our create: that is the goal reached.
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach Elasticsearch to create " + index, e);
    }
  }

  private IndexSettings.Builder settings(IndexSettings.Builder s) {
    return s.numberOfShards("1").numberOfReplicas(Integer.toString(properties.replicas()));
  }

  /** Whether Elasticsearch refused because the index does not exist (yet). */
  public static boolean isMissingIndex(ElasticsearchException e) {
    return "index_not_found_exception".equals(e.error().type());
  }
}
