package dev.steward.bench.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of the prompt evaluation bench.
 *
 * @param dataset the JSONL file; null for the Temporal docs question set
 * @param limit items read from the top of the file; 0 for all
 * @param corpus what to ingest before the run: {@code temporal-docs}, {@code demo} or {@code none};
 *     null to follow the dataset (questions: temporal-docs, recorded tasks: demo)
 * @param promptFiles new prompt versions to store before the run
 * @param out the JSON report; null for a timestamped file under {@code bench/target/eval}
 */
public record EvalArguments(
    Path dataset,
    Variant a,
    Variant b,
    int limit,
    String tenant,
    String taskType,
    String corpus,
    boolean localModel,
    List<PromptFile.Source> promptFiles,
    LabelGate gate,
    Path out) {

  public static final String USAGE =
      """
      usage: ./steward bench PromptEvalBench --a <variant> --b <variant> [options]
        <variant>             prompt=<id>@<version|label> and/or tier=<small|strong>, comma-joined,
                              e.g. prompt=support-answer@2  or  tier=strong  or  both
        --dataset FILE        JSONL: questions (id, question, gold_files) or recorded tasks as
                              GET /v1/admin/datasets/tasks exports them; default: the Temporal
                              docs dev-qa.jsonl
        --limit N             only the first N items
        --tenant T            tenant questions run in (default temporal-docs)
        --task-type T         task type questions are asked as (default support-answer)
        --corpus C            temporal-docs | demo | none; default temporal-docs for questions,
                              demo for recorded tasks (chunk ids must match the recorded ones)
        --local-model         serve both tiers from a local OpenAI-compatible server started here
                              (an extractive stand-in, not a language model); default: the
                              offline model, which ignores the prompt text
        --prompt-file ID=FILE store FILE ({"system","user","note"} JSON) as the next version of
                              prompt ID before the run; repeatable
        --tolerance X         how far below A's share B's may fall on a gated check (default 0)
        --max-cost-ratio X    also require B's cost <= X times A's (default: not checked)
        --out FILE            the JSON report (default bench/target/eval/prompt-eval-<time>.json)
      exit status: 0 when B may take A's label, 1 when it may not, 2 when no verdict was
                            reached (bad arguments, a missing prompt version, a failure)
      """;

  /**
   * Reads the arguments.
   *
   * @throws IllegalArgumentException naming the argument that is wrong or missing
   */
  public static EvalArguments parse(String... args) {
    Path dataset = null;
    Variant a = null;
    Variant b = null;
    int limit = 0;
    String tenant = "temporal-docs";
    String taskType = "support-answer";
    String corpus = null;
    boolean localModel = false;
    List<PromptFile.Source> promptFiles = new ArrayList<>();
    double tolerance = 0;
    double maxCostRatio = 0;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--local-model")) {
        localModel = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--dataset" -> dataset = Path.of(value);
        case "--a" -> a = Variant.parse("A", value);
        case "--b" -> b = Variant.parse("B", value);
        case "--limit" -> limit = positive(flag, value);
        case "--tenant" -> tenant = value;
        case "--task-type" -> taskType = value;
        case "--corpus" -> corpus = corpus(value);
        case "--prompt-file" -> promptFiles.add(PromptFile.Source.parse(value));
        case "--tolerance" -> tolerance = number(flag, value);
        case "--max-cost-ratio" -> maxCostRatio = number(flag, value);
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown argument " + flag);
      }
    }
    if (a == null || b == null) {
      throw new IllegalArgumentException("both --a and --b are required");
    }
    return new EvalArguments(
        dataset,
        a,
        b,
        limit,
        tenant,
        taskType,
        corpus,
        localModel,
        List.copyOf(promptFiles),
        new LabelGate(tolerance, maxCostRatio),
        out);
  }

  private static String corpus(String value) {
    String c = value.toLowerCase(Locale.ROOT);
    if (!List.of("temporal-docs", "demo", "none").contains(c)) {
      throw new IllegalArgumentException("--corpus is temporal-docs, demo or none, got " + value);
    }
    return c;
  }

  private static int positive(String flag, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n < 1) {
        throw new IllegalArgumentException(flag + " must be 1 or more");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, got " + value, e);
    }
  }

  private static double number(String flag, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, got " + value, e);
    }
  }
}
