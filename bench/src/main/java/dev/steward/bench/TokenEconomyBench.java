package dev.steward.bench;

import dev.langchain4j.model.TokenCountEstimator;
import dev.steward.activities.reasoning.Passage;
import dev.steward.activities.reasoning.PromptRenderer;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Prompt tokens of a support-answer task with retrieval against stuffing the prompt with whole
 * documents. With retrieval: real tasks through the API, their recorded {@code promptTokens}.
 * Stuffed: the same template rendered with every candidate document's full text as one passage
 * each, counted with the same WordPiece tokenizer. Argument: [temporal docs corpus folder].
 */
public final class TokenEconomyBench {

  private static final String SHOP = "larkspur";
  private static final String DOCS = "temporal-docs";
  private static final String TYPE = "support-answer";

  public static void main(String[] args) throws Exception {
    Path root = BenchCorpus.locateTemporalDocs(args.length > 0 ? args[0] : null);
    BenchCorpus docs = BenchCorpus.temporalDocs(root);
    BenchCorpus shop = BenchCorpus.demoArticles();
    List<DevQuestion> devQuestions = DevQuestion.load(root);

    try (BenchStack stack = BenchStack.start(List.of(SHOP, DOCS), docs.largestBytes())) {
      var shopStats = CorpusIngestion.ingest(stack.admin(SHOP), shop, Duration.ofMinutes(5));
      var docsStats = CorpusIngestion.ingest(stack.admin(DOCS), docs, Duration.ofMinutes(14));
      TaskTypeDefinition type = stack.context().getBean(TaskTypeRegistry.class).get(TYPE);
      Stuffing stuffing = new Stuffing(type, stack.context().getBean(TokenCountEstimator.class));

      List<Sample> shopAll = new ArrayList<>();
      List<Sample> docsSection = new ArrayList<>();
      List<Sample> docsPage = new ArrayList<>();
      StewardApi shopApi = stack.requester(SHOP);
      for (int i = 0; i < ShopQuestions.ALL.size(); i++) {
        String q = ShopQuestions.ALL.get(i);
        TaskRun run = runTask(shopApi, q, "shop-" + i);
        shopAll.add(new Sample(run, stuffing.tokens(q, shop.documents())));
        progress("shop", i + 1, ShopQuestions.ALL.size());
      }
      StewardApi docsApi = stack.requester(DOCS);
      for (int i = 0; i < devQuestions.size(); i++) {
        DevQuestion q = devQuestions.get(i);
        CorpusDocument page =
            docs.documents().stream()
                .filter(d -> d.path().equals(q.goldFiles().getFirst()))
                .findFirst()
                .orElseThrow();
        List<CorpusDocument> section =
            docs.documents().stream().filter(d -> d.folder().equals(page.folder())).toList();
        TaskRun run = runTask(docsApi, q.question(), "docs-" + q.id());
        docsSection.add(new Sample(run, stuffing.tokens(q.question(), section), section.size()));
        docsPage.add(new Sample(run, stuffing.tokens(q.question(), List.of(page)), 1));
        progress("temporal-docs", i + 1, devQuestions.size());
      }

      BenchReport.header(
          "Token economy, support-answer prompt tokens", List.of(shopStats, docsStats));
      System.out.printf(
          Locale.ROOT,
          "with retrieval: usage.calls[0].promptTokens of real tasks (topK %d, token budget %d);"
              + " stuffed: the same template with whole documents as passages; both WordPiece"
              + " (all-MiniLM tokenizer), system + user message%n%n",
          type.retrieval().topK(),
          type.retrieval().tokenBudget());
      System.out.printf(
          Locale.ROOT,
          "| %-44s | %5s | %9s | %10s | %12s | %11s | %12s | %12s |%n",
          "corpus: stuffed with",
          "tasks",
          "completed",
          "retrieval",
          "stuffed",
          "ratio means",
          "median ratio",
          "min ratio");
      System.out.printf(
          "|%s|%s|%s|%s|%s|%s|%s|%s|%n",
          "-".repeat(46),
          "-".repeat(7),
          "-".repeat(11),
          "-".repeat(12),
          "-".repeat(14),
          "-".repeat(13),
          "-".repeat(14),
          "-".repeat(14));
      row("demo shop: all " + shop.documents().size() + " articles", shopAll);
      row(
          String.format(
              Locale.ROOT,
              "temporal-docs: gold page's folder (%.1f p.)",
              docsSection.stream().mapToInt(Sample::documents).average().orElse(0)),
          docsSection);
      row("temporal-docs: gold page alone", docsPage);
      System.out.println(
          "\n(retrieval and stuffed are means over the tasks; ratio = stuffed / retrieval; target"
              + " to compare with: >= 20x)");
      System.out.println("\nper task (retrieval tokens, passages, status):");
      for (Sample s : concat(shopAll, docsSection)) {
        System.out.printf(
            Locale.ROOT,
            "  %-12s %5d tokens, %d passages, %s, stuffed %d%n",
            s.run().label(),
            s.run().promptTokens(),
            s.run().passages(),
            s.run().status(),
            s.stuffed());
      }
    }
  }

  /** One task's recorded prompt, and the prompt stuffing would have sent instead. */
  private record Sample(TaskRun run, int stuffed, int documents) {
    Sample(TaskRun run, int stuffed) {
      this(run, stuffed, 0);
    }
  }

  private record TaskRun(String label, String status, int promptTokens, int passages) {}

  /** The task type's prompt with whole documents as its passages, counted in model tokens. */
  private record Stuffing(TaskTypeDefinition type, TokenCountEstimator tokens) {
    int tokens(String question, List<CorpusDocument> documents) {
      List<Passage> passages =
          documents.stream().map(d -> new Passage(d.documentId(), d.title(), d.content())).toList();
      return tokens.estimateTokenCountInText(
          PromptRenderer.render(type, Map.of("question", question), passages, List.of())
              .fullText());
    }
  }

  private static TaskRun runTask(StewardApi api, String question, String label)
      throws InterruptedException {
    String id = api.startTask(TYPE, Map.of("question", question), "tokens-" + label);
    JsonNode task = api.awaitTask(id, Duration.ofMinutes(2));
    JsonNode calls = task.path("usage").path("calls");
    int promptTokens = calls.isEmpty() ? 0 : calls.get(0).path("promptTokens").asInt();
    return new TaskRun(
        label, task.path("status").asString(), promptTokens, task.path("passages").size());
  }

  private static void row(String name, List<Sample> samples) {
    List<Sample> measured = samples.stream().filter(s -> s.run().promptTokens() > 0).toList();
    double retrieval = mean(measured, s -> (double) s.run().promptTokens());
    double stuffed = mean(measured, s -> (double) s.stuffed());
    List<Double> ratios =
        measured.stream().map(s -> (double) s.stuffed() / s.run().promptTokens()).sorted().toList();
    System.out.printf(
        Locale.ROOT,
        "| %-44s | %5d | %9d | %10.0f | %12.0f | %10.1fx | %11.1fx | %11.1fx |%n",
        name,
        samples.size(),
        samples.stream().filter(s -> s.run().status().equals("COMPLETED")).count(),
        retrieval,
        stuffed,
        stuffed / retrieval,
        BenchReport.percentile(ratios, 0.5),
        ratios.isEmpty() ? Double.NaN : ratios.getFirst());
  }

  private static double mean(List<Sample> samples, Function<Sample, Double> value) {
    return samples.stream().mapToDouble(value::apply).average().orElse(Double.NaN);
  }

  private static List<Sample> concat(List<Sample> a, List<Sample> b) {
    List<Sample> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static void progress(String corpus, int done, int total) {
    if (done % 10 == 0 || done == total) {
      System.out.printf("%s: %d/%d tasks done%n", corpus, done, total);
    }
  }

  private TokenEconomyBench() {}
}
