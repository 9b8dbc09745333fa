package dev.steward.bench;

import dev.steward.activities.model.ModelProperties;
import dev.steward.bench.eval.EvalArguments;
import dev.steward.bench.eval.EvalDataset;
import dev.steward.bench.eval.EvalItem;
import dev.steward.bench.eval.EvalReport;
import dev.steward.bench.eval.ExtractiveChatModel;
import dev.steward.bench.eval.LocalChatServer;
import dev.steward.bench.eval.NoBenchComponentScan;
import dev.steward.bench.eval.PromptEval;
import dev.steward.bench.eval.PromptFile;
import dev.steward.bench.eval.ReportTable;
import dev.steward.store.prompt.PromptRegistry;
import dev.steward.store.prompt.PromptVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares two variants (prompt version and/or model tier) on a dataset and says whether B may take
 * A's label: the embedded stack with the corpus the dataset needs, then the evaluation harness
 * ({@link PromptEval}). Exits 0 when B may take the label, 1 when not, 2 when no verdict was
 * reached, so that CI can gate a label move on it. Arguments: see {@link EvalArguments#USAGE}.
 */
public final class PromptEvalBench {

  /** The Temporal docs take minutes on two idle cores, far longer on a busy machine. */
  private static final Duration INGESTION_TIMEOUT = Duration.ofMinutes(60);

  /** The exit status when no verdict was reached: bad arguments, or the evaluation failed. */
  private static final int EXIT_NOT_RUN = 2;

  public static void main(String[] args) {
    EvalArguments arguments;
    try {
      arguments = EvalArguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(EvalArguments.USAGE);
      System.exit(EXIT_NOT_RUN);
      return;
    }
    int status;
    try {
      status = run(arguments);
    } catch (Exception e) {
      // A broken evaluation must not read as a verdict: CI sees 2, not the gate's 1.
      e.printStackTrace();
      status = EXIT_NOT_RUN;
    }
    System.exit(status);
  }

  /** Runs the comparison; returns the gate's exit status. */
  private static int run(EvalArguments arguments) throws Exception {
    Path docsRoot =
        arguments.dataset() == null || "temporal-docs".equals(arguments.corpus())
            ? BenchCorpus.locateTemporalDocs(null)
            : null;
    Path dataset =
        arguments.dataset() != null ? arguments.dataset() : docsRoot.resolve("dev-qa.jsonl");
    List<EvalItem> items =
        EvalDataset.read(
            dataset,
            new EvalDataset.QuestionDefaults(
                arguments.tenant(), arguments.taskType(), BenchCorpus::documentId),
            arguments.limit());
    boolean recorded = items.stream().anyMatch(EvalItem::recorded);
    String corpusName =
        arguments.corpus() != null ? arguments.corpus() : recorded ? "demo" : "temporal-docs";
    BenchCorpus corpus =
        switch (corpusName) {
          case "temporal-docs" ->
              BenchCorpus.temporalDocs(
                  docsRoot != null ? docsRoot : BenchCorpus.locateTemporalDocs(null));
          case "demo" -> BenchCorpus.demoArticles();
          default -> null;
        };
    List<String> tenants = items.stream().map(EvalItem::tenant).distinct().toList();
    System.out.printf(
        "dataset %s: %d items (%s), tenants %s, corpus %s%n",
        dataset,
        items.size(),
        recorded ? "recorded tasks, passages reused" : "questions, retrieved afresh",
        tenants,
        corpusName);

    // The bench's own configurations (the throughput bench's zero-latency model) stay unscanned,
    // so the model under test is the one configured here.
    System.setProperty("spring.main.sources", NoBenchComponentScan.class.getName());
    LocalChatServer localModel = null;
    if (arguments.localModel()) {
      localModel = LocalChatServer.start(new ExtractiveChatModel());
      // BenchStack takes no extra properties; Spring reads system properties as well.
      localModel
          .springProperties(
              "local",
              Map.of("small", "local-small", "strong", "local-strong"),
              List.of(
                  new LocalChatServer.Price("local-small", "0.15", "0.60"),
                  new LocalChatServer.Price("local-strong", "2.50", "10.00")))
          .forEach((key, value) -> System.setProperty(key, String.valueOf(value)));
      System.out.println("local model server at " + localModel.baseUrl());
    }

    try (BenchStack stack = BenchStack.start(tenants, corpus == null ? 0 : corpus.largestBytes())) {
      List<CorpusIngestion.Stats> ingested = new ArrayList<>();
      if (corpus != null) {
        for (String tenant : tenants) {
          ingested.add(CorpusIngestion.ingest(stack.admin(tenant), corpus, INGESTION_TIMEOUT));
        }
      }
      PromptRegistry registry = stack.context().getBean(PromptRegistry.class);
      for (PromptFile.Source source : arguments.promptFiles()) {
        PromptVersion stored =
            PromptFile.read(source.file()).storeAsNextVersion(registry, source.promptId());
        System.out.printf("stored %s from %s%n", stored.ref(), source.file());
      }

      EvalReport report =
          PromptEval.on(stack.context(), System.out)
              .run(
                  dataset.getFileName().toString(),
                  items,
                  arguments.a(),
                  arguments.b(),
                  arguments.gate());
      BenchReport.header("Prompt evaluation", ingested);
      System.out.println("model: " + modelNote(stack, arguments.localModel()));
      ReportTable.print(report, System.out);
      Path out = arguments.out() != null ? arguments.out() : defaultReportFile();
      report.writeJson(out);
      System.out.println("\nJSON report: " + out.toAbsolutePath());
      return report.verdict().exitStatus();
    } finally {
      if (localModel != null) {
        localModel.close();
      }
    }
  }

  /** Which model drafted, so that a pasted report says whether the prompt could matter. */
  private static String modelNote(BenchStack stack, boolean localModel) {
    if (localModel) {
      return "local OpenAI-compatible server, extractive stand-in (not an LLM); prices"
          + " illustrative";
    }
    var providers = stack.context().getBean(ModelProperties.class).providers().keySet();
    return providers.isEmpty()
        ? "the offline extractive model, which ignores the prompt text and the tier"
        : "configured providers " + providers;
  }

  private static Path defaultReportFile() {
    return Path.of(
        "bench",
        "target",
        "eval",
        "prompt-eval-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
            + ".json");
  }

  private PromptEvalBench() {}
}
