package dev.steward.workflows;

import dev.steward.workflows.ingestion.IngestionWorkflowPaths;
import dev.steward.workflows.reindex.ReindexWorkflowPaths;
import dev.steward.workflows.task.TaskWorkflowPaths;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The workflow paths whose histories are committed under {@code src/test/resources/histories}, and
 * where those files live: the recorder writes them, the replay test replays every one.
 */
public final class RecordedHistories {

  /** Classpath folder of the committed histories. */
  public static final String RESOURCE_DIR = "histories";

  private RecordedHistories() {}

  /** Every recorded path by name (the file name without {@code .json}), each on a fresh server. */
  public static Map<String, Supplier<WorkflowExecutionHistory>> paths() {
    Map<String, Supplier<WorkflowExecutionHistory>> all = new LinkedHashMap<>();
    all.putAll(TaskWorkflowPaths.all());
    all.putAll(IngestionWorkflowPaths.all());
    all.putAll(ReindexWorkflowPaths.all());
    return all;
  }

  /** Drives the named path to its end and returns its history. */
  public static WorkflowExecutionHistory run(String name) {
    Supplier<WorkflowExecutionHistory> path = paths().get(name);
    if (path == null) {
      throw new IllegalArgumentException("no recorded path named " + name);
    }
    return path.get();
  }

  /** The file names of the committed histories on the test classpath, sorted. */
  public static List<String> committed() {
    URL dir = RecordedHistories.class.getClassLoader().getResource(RESOURCE_DIR);
    if (dir == null) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(file -> file.endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The source folder the recorder writes to. Maven runs tests in the module folder; an IDE may run
   * them from the repository root.
   */
  public static Path sourceDir() {
    Path moduleRelative = Path.of("src", "test", "resources");
    Path rootRelative = Path.of("workflows").resolve(moduleRelative);
    Path resources = Files.isDirectory(rootRelative) ? rootRelative : moduleRelative;
    if (!Files.isDirectory(resources)) {
      throw new IllegalStateException(
          "run the recorder from the workflows module or the repository root; no "
              + resources.toAbsolutePath());
    }
    return resources.resolve(RESOURCE_DIR);
  }
}
