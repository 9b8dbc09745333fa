package dev.steward.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.evaluation.TaskDatasetRow;
import dev.steward.workflows.task.PassageRef;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class EvalDatasetTest {

  private static final EvalDataset.QuestionDefaults DOCS =
      new EvalDataset.QuestionDefaults(
          "temporal-docs", "support-answer", path -> path.replace("/", "__"));

  @Test
  void readsQuestionsWithTheirGoldDocuments(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("dev-qa.jsonl");
    Files.writeString(
        file,
        """
        {"id": "d001", "question": "What is a task token?", "gold_files": ["docs/a.mdx", "docs/b.md"], "gold_quote": "x"}

        {"id": "d002", "question": "What is an entity workflow?", "gold_files": ["docs/c.mdx"]}
        """);

    List<EvalItem> items = EvalDataset.read(file, DOCS, 0);

    assertThat(items).hasSize(2);
    EvalItem first = items.getFirst();
    assertThat(first.id()).isEqualTo("d001");
    assertThat(first.tenant()).isEqualTo("temporal-docs");
    assertThat(first.taskType()).isEqualTo("support-answer");
    assertThat(first.input()).isEqualTo(Map.of("question", "What is a task token?"));
    assertThat(first.goldDocumentIds()).containsExactlyInAnyOrder("docs__a.mdx", "docs__b.md");
    assertThat(first.recorded()).isFalse();
    assertThat(EvalDataset.read(file, DOCS, 1)).hasSize(1);
  }

  @Test
  void readsRecordedTasksAsTheExportWritesThem(@TempDir Path dir) throws Exception {
    TaskDatasetRow row =
        new TaskDatasetRow(
            TaskDatasetRow.FORMAT,
            "acme.t1",
            "acme",
            "support-answer",
            "COMPLETED",
            1_700_000_000_000L,
            Map.of("question", "Mail me at [EMAIL_1]: how long do refunds take?"),
            List.of("EMAIL"),
            List.of(new PassageRef("acme:refunds#0", "refunds", "Refunds", 0, 0.8)),
            Map.of("answer", "Ten days.", "citations", List.of("acme:refunds#0")),
            new PromptRef("support-answer", 1, "production"),
            "small");
    Path file = dir.resolve("tasks.jsonl");
    Files.writeString(file, JsonMapper.builder().build().writeValueAsString(row) + "\n");

    EvalItem item = EvalDataset.read(file, null, 0).getFirst();

    assertThat(item.recorded()).isTrue();
    assertThat(item.id()).isEqualTo("acme.t1");
    assertThat(item.tenant()).isEqualTo("acme");
    assertThat(item.input()).isEqualTo(row.input());
    assertThat(item.recordedPassages()).isEqualTo(row.passages());
    assertThat(item.recordedOutput()).isEqualTo(row.output());
    assertThat(item.recordedPrompt()).isEqualTo(row.prompt());
    assertThat(item.goldDocumentIds()).isEmpty();
  }

  @Test
  void namesTheLineThatIsInNeitherFormat(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mixed.jsonl");
    Files.writeString(file, "{\"id\":\"d1\",\"question\":\"q?\"}\n{\"prompt\":\"x\"}\n");

    assertThatThrownBy(() -> EvalDataset.read(file, DOCS, 0))
        .hasMessageStartingWith("mixed.jsonl:2 is neither a recorded task");
    Files.writeString(file, "not json\n");
    assertThatThrownBy(() -> EvalDataset.read(file, DOCS, 0))
        .hasMessageStartingWith("mixed.jsonl:1 is not JSON");
  }
}
