package dev.steward.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.steward.store.action.ActionLedger;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.chunk.ChunkIndexProperties;
import dev.steward.store.chunk.ChunkIndexVersions;
import dev.steward.store.document.DocumentStore;
import dev.steward.store.model.ModelCallJournal;
import dev.steward.store.prompt.PromptRegistry;
import dev.steward.store.redaction.RedactionStore;
import dev.steward.store.task.TaskReadModel;
import dev.steward.store.trace.TraceProperties;
import dev.steward.store.trace.TraceRetention;
import dev.steward.store.trace.TraceStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchClientAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The Elasticsearch-backed stores, for any Steward process that has an ElasticsearchClient. */
@AutoConfiguration(after = ElasticsearchClientAutoConfiguration.class)
@EnableConfigurationProperties({
  StoreProperties.class,
  ChunkIndexProperties.class,
  TraceProperties.class
})
public class StoreAutoConfiguration {

  @Bean
  IndexAdmin indexAdmin(ElasticsearchClient client, StoreProperties properties) {
    return new IndexAdmin(client, properties);
  }

  @Bean
  TaskReadModel taskReadModel(ElasticsearchClient client, IndexAdmin admin) {
    return new TaskReadModel(client, admin);
  }

  @Bean
  DocumentStore documentStore(ElasticsearchClient client, IndexAdmin admin) {
    return new DocumentStore(client, admin);
  }

  @Bean
  ChunkIndex chunkIndex(ElasticsearchClient client) {
    return new ChunkIndex(client);
  }

  @Bean
  ChunkIndexVersions chunkIndexVersions(
      ElasticsearchClient client, IndexAdmin admin, ChunkIndexProperties properties) {
    return new ChunkIndexVersions(client, admin, properties);
  }

  @Bean
  StoreIndices storeIndices(
      TaskReadModel tasks,
      DocumentStore documents,
      ChunkIndexVersions chunks,
      ActionLedger actions,
      RedactionStore redactions,
      TraceStore traces,
      PromptRegistry prompts,
      ModelCallJournal modelCalls) {
    return new StoreIndices(
        tasks, documents, chunks, actions, redactions, traces, prompts, modelCalls);
  }

  @Bean
  ModelCallJournal modelCallJournal(ElasticsearchClient client, IndexAdmin admin) {
    return new ModelCallJournal(client, admin);
  }

  @Bean
  PromptRegistry promptRegistry(ElasticsearchClient client, IndexAdmin admin) {
    return new PromptRegistry(client, admin);
  }

  @Bean
  TraceStore traceStore(
      ElasticsearchClient client, StoreProperties store, TraceProperties properties) {
    return new TraceStore(client, store, properties);
  }

  @Bean
  TraceRetention traceRetention(TraceStore traces, TraceProperties properties) {
    return new TraceRetention(traces, properties, Clock.systemUTC());
  }

  @Bean
  ActionLedger actionLedger(ElasticsearchClient client, IndexAdmin admin) {
    return new ActionLedger(client, admin);
  }

  @Bean
  RedactionStore redactionStore(ElasticsearchClient client, IndexAdmin admin) {
    return new RedactionStore(client, admin);
  }
}
