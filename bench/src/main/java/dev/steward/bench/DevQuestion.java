package dev.steward.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line of the corpus's {@code dev-qa.jsonl}: a question and the pages that answer it.
 *
 * @param goldFiles corpus-relative paths; the first is the page the question was written from
 */
record DevQuestion(String id, String question, List<String> goldFiles, String goldQuote) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static List<DevQuestion> load(Path corpusRoot) {
    try {
      return Files.readAllLines(corpusRoot.resolve("dev-qa.jsonl"), StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank())
          .map(JSON::readTree)
          .map(n ->
              new DevQuestion(
                  n.path("id").asString(),
                  n.path("question").asString(),
                  n.path("gold_files").valueStream().map(f -> f.asString()).toList(),
                  n.path("gold_quote").asString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
