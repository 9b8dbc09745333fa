package dev.steward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import dev.steward.store.IndexAdmin;
import dev.steward.store.StoreProperties;
import dev.steward.store.model.ModelCallJournal;
import dev.steward.store.model.ModelCallKey;
import dev.steward.temporalserver.TemporalDevServer;
import dev.steward.workflows.task.ModelCall;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The model-call journal against a real Elasticsearch node (the suite's). */
@ExtendWith(SharedCluster.class)
class ModelCallJournalIT {

  private static ModelCallJournal journal;
  private static ElasticsearchClient client;

  @BeforeAll
  static void connect(StewardCluster cluster) {
    client = client(cluster.elasticsearchUrl());
    journal = new ModelCallJournal(client, new IndexAdmin(client, new StoreProperties(0)));
    journal.createIndex();
  }

  @Test
  void aRetriedStepGetsTheRecordedAnswerWithoutCallingTheModelAgain() {
    ModelCallKey key = new ModelCallKey(taskId(), "DraftOutput", 1);
    AtomicInteger calls = new AtomicInteger();

    DraftResult first = journal.once(key, DraftResult.class, () -> draft(calls, "first"));
    DraftResult retried = journal.once(key, DraftResult.class, () -> draft(calls, "second"));

    assertThat(calls).hasValue(1);
    assertThat(retried).isEqualTo(first);
    assertThat(retried.output()).containsEntry("answer", "first").containsEntry("amount", 40);
  }

  @Test
  void aNewAttemptOfTheStepIsANewCall() {
    String taskId = taskId();
    AtomicInteger calls = new AtomicInteger();

    journal.once(
        new ModelCallKey(taskId, "DraftOutput", 1), DraftResult.class, () -> draft(calls, "a"));
    DraftResult repair =
        journal.once(
            new ModelCallKey(taskId, "DraftOutput", 2), DraftResult.class, () -> draft(calls, "b"));

    assertThat(calls).hasValue(2);
    assertThat(repair.output()).containsEntry("answer", "b");
  }

  @Test
  void theFirstRecordedAnswerWins() {
    ModelCallKey key = new ModelCallKey(taskId(), "ClassifyTask", 1);

    journal.record(key, draft(new AtomicInteger(), "early"));
    journal.record(key, draft(new AtomicInteger(), "late"));

    assertThat(journal.find(key, DraftResult.class).orElseThrow().output())
        .containsEntry("answer", "early");
  }

  @Test
  void withoutElasticsearchTheStepStillCallsTheModel() {
    ElasticsearchClient unreachable = client("http://127.0.0.1:" + TemporalDevServer.freePort());
    ModelCallJournal offline =
        new ModelCallJournal(unreachable, new IndexAdmin(unreachable, new StoreProperties(0)));
    AtomicInteger calls = new AtomicInteger();

    DraftResult answer =
        offline.once(
            new ModelCallKey(taskId(), "DraftOutput", 1),
            DraftResult.class,
            () -> draft(calls, "answered"));

    assertThat(calls).hasValue(1);
    assertThat(answer.output()).containsEntry("answer", "answered");
  }

  @Test
  void entriesPastRetentionAreDeletedAndNewerOnesKept() throws Exception {
    ModelCallKey old = new ModelCallKey(taskId(), "DraftOutput", 1);
    ModelCallKey recent = new ModelCallKey(taskId(), "DraftOutput", 1);
    journal.record(old, draft(new AtomicInteger(), "old"));
    Thread.sleep(20);
    long cutoff = System.currentTimeMillis();
    Thread.sleep(20);
    journal.record(recent, draft(new AtomicInteger(), "recent"));
    client.indices().refresh(r -> r.index(ModelCallJournal.INDEX));

    assertThat(journal.deleteRecordedBefore(cutoff)).isPositive();

    assertThat(journal.find(old, DraftResult.class)).isEmpty();
    assertThat(journal.find(recent, DraftResult.class)).isPresent();
  }

  private static DraftResult draft(AtomicInteger calls, String answer) {
    calls.incrementAndGet();
    return new DraftResult(
        Map.of("answer", answer, "amount", 40, "citations", List.of("acme:e2e-refunds#0")),
        new ModelCall("DraftOutput", "e2e", "e2e-strong", 400, 40, 0.00012, 35),
        List.of(new ModelCall("DraftOutput", "e2e", "e2e-small", 380, 12, 0.00001, 20)));
  }

  private static String taskId() {
    return "acme.journal-" + UUID.randomUUID();
  }

  private static ElasticsearchClient client(String url) {
    return ElasticsearchClient.of(b -> b.host(url).jsonMapper(new Jackson3JsonpMapper()));
  }
}
