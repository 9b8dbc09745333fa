package dev.steward.bench.eval;

import dev.steward.api.evaluation.TaskDatasetRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSONL evaluation dataset in either of two formats, line by line: the corpus's question
 * sets ({@code id}, {@code question}, {@code gold_files}, {@code gold_quote}), asked as {@code
 * question} of one task type in one tenant; or recorded tasks as {@code GET
 * /v1/admin/datasets/tasks} exports them ({@link TaskDatasetRow}), each with its own tenant, type,
 * redacted input and passages.
 */
public final class EvalDataset {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Where question-set items run, and how their gold files become document ids.
   *
   * @param documentIdOfPath a corpus path ({@code docs/develop/java/timers.mdx}) to the document id
   *     it was ingested under
   */
  public record QuestionDefaults(
      String tenant, String taskType, UnaryOperator<String> documentIdOfPath) {}

  private EvalDataset() {}

  /**
   * Every item of the file, in file order, at most {@code limit} (0: all).
   *
   * @throws IllegalArgumentException naming the line that is in neither format
   */
  public static List<EvalItem> read(Path file, QuestionDefaults defaults, int limit) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset " + file, e);
    }
    List<EvalItem> items = new ArrayList<>();
    for (int i = 0; i < lines.size() && (limit <= 0 || items.size() < limit); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String where = file.getFileName() + ":" + (i + 1);
      try {
        items.add(item(JSON.readTree(line), defaults, where));
      } catch (JacksonException e) {
        throw new IllegalArgumentException(where + " is not JSON: " + e.getOriginalMessage(), e);
      }
    }
    return items;
  }

  static EvalItem item(JsonNode line, QuestionDefaults defaults, String where) {
    if (TaskDatasetRow.FORMAT.equals(line.path("format").asString(""))) {
      return recorded(JSON.treeToValue(line, TaskDatasetRow.class), where);
    }
    if (line.hasNonNull("question")) {
      return question(line, defaults, where);
    }
    throw new IllegalArgumentException(
        where
            + " is neither a recorded task (format "
            + TaskDatasetRow.FORMAT
            + ") nor a question (id, question, gold_files)");
  }

  private static EvalItem recorded(TaskDatasetRow row, String where) {
    if (row.taskId() == null || row.tenant() == null || row.taskType() == null) {
      throw new IllegalArgumentException(
          where + ": a recorded task needs taskId, tenant, taskType");
    }
    if (row.input() == null) {
      throw new IllegalArgumentException(
          where + ": recorded task " + row.taskId() + " has no input");
    }
    return new EvalItem(
        row.taskId(),
        row.tenant(),
        row.taskType(),
        row.input(),
        row.passages(),
        Set.of(),
        row.output(),
        row.prompt());
  }

  private static EvalItem question(JsonNode line, QuestionDefaults defaults, String where) {
    if (defaults == null) {
      throw new IllegalArgumentException(
          where + ": questions need a tenant and task type to run in");
    }
    String id = line.path("id").asString(where);
    Set<String> gold = new LinkedHashSet<>();
    for (JsonNode file : line.path("gold_files")) {
      gold.add(defaults.documentIdOfPath().apply(file.asString()));
    }
    return new EvalItem(
        id,
        defaults.tenant(),
        defaults.taskType(),
        Map.of("question", line.path("question").asString()),
        null,
        gold,
        null,
        null);
  }
}
