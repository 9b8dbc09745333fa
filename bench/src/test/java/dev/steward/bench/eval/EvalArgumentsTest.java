package dev.steward.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EvalArgumentsTest {

  @Test
  void readsEveryOption() {
    EvalArguments args =
        EvalArguments.parse(
            "--dataset",
            "tasks.jsonl",
            "--a",
            "prompt=support-answer@1",
            "--b",
            "prompt=support-answer@2,tier=strong",
            "--limit",
            "10",
            "--corpus",
            "demo",
            "--local-model",
            "--prompt-file",
            "support-answer=v2.json",
            "--tolerance",
            "0.05",
            "--max-cost-ratio",
            "1.5",
            "--out",
            "report.json");

    assertThat(args.dataset()).isEqualTo(Path.of("tasks.jsonl"));
    assertThat(args.a().promptSelector()).isEqualTo("1");
    assertThat(args.b().tier()).isEqualTo("strong");
    assertThat(args.limit()).isEqualTo(10);
    assertThat(args.corpus()).isEqualTo("demo");
    assertThat(args.localModel()).isTrue();
    assertThat(args.promptFiles())
        .containsExactly(new PromptFile.Source("support-answer", Path.of("v2.json")));
    assertThat(args.gate()).isEqualTo(new LabelGate(0.05, 1.5));
    assertThat(args.out()).isEqualTo(Path.of("report.json"));
  }

  @Test
  void defaultsToTheTemporalDocsQuestionsAndAStrictGate() {
    EvalArguments args = EvalArguments.parse("--a", "tier=small", "--b", "tier=strong");

    assertThat(args.dataset()).isNull();
    assertThat(args.tenant()).isEqualTo("temporal-docs");
    assertThat(args.taskType()).isEqualTo("support-answer");
    assertThat(args.localModel()).isFalse();
    assertThat(args.gate()).isEqualTo(LabelGate.strict());
  }

  @Test
  void saysWhatIsWrong() {
    assertThatThrownBy(() -> EvalArguments.parse("--a", "tier=small"))
        .hasMessage("both --a and --b are required");
    assertThatThrownBy(() -> EvalArguments.parse("--a", "tier=small", "--b"))
        .hasMessage("--b needs a value");
    assertThatThrownBy(() -> EvalArguments.parse("--frobnicate", "1"))
        .hasMessage("unknown argument --frobnicate");
    assertThatThrownBy(() -> EvalArguments.parse("--limit", "0"))
        .hasMessage("--limit must be 1 or more");
    assertThatThrownBy(() -> EvalArguments.parse("--corpus", "wiki"))
        .hasMessageContaining("temporal-docs, demo or none");
  }
}
