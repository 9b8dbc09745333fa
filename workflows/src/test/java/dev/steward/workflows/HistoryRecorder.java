package dev.steward.workflows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes the histories the replay test replays, one JSON file per path of {@link
 * RecordedHistories#paths()}. Off by default; see CONTRIBUTING.md for the command. {@code
 * -Dsteward.recordHistories=true} records every path, a comma-separated list of path names only
 * those (a new path, without touching the histories already committed).
 */
@EnabledIfSystemProperty(named = HistoryRecorder.PROPERTY, matches = ".+")
class HistoryRecorder {

  static final String PROPERTY = "steward.recordHistories";

  static List<String> selectedPaths() {
    String selection = System.getProperty(PROPERTY, "");
    if (selection.isBlank() || selection.equals("true")) {
      return List.copyOf(RecordedHistories.paths().keySet());
    }
    Set<String> names =
        Arrays.stream(selection.split(",")).map(String::strip).collect(Collectors.toSet());
    Set<String> unknown =
        names.stream()
            .filter(name -> !RecordedHistories.paths().containsKey(name))
            .collect(Collectors.toSet());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "no recorded paths named " + unknown + "; known: " + RecordedHistories.paths().keySet());
    }
    return RecordedHistories.paths().keySet().stream().filter(names::contains).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selectedPaths")
  void record(String name) throws IOException {
    String json = RecordedHistories.run(name).toJson(true);
    Path dir = Files.createDirectories(RecordedHistories.sourceDir());
    Files.writeString(dir.resolve(name + ".json"), json + "\n", StandardCharsets.UTF_8);
  }
}
