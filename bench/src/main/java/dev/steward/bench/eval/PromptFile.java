package dev.steward.bench.eval;

import dev.steward.store.prompt.PromptRegistry;
import dev.steward.store.prompt.PromptVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A prompt version written in a file, {@code {"system": ..., "user": ..., "note": ...}}, to store
 * in the registry of the Steward an evaluation runs on (a bench starts with only the task types'
 * bundled versions).
 */
public record PromptFile(String system, String user, String note) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Who the registry records as the creator. */
  static final String CREATED_BY = "prompt-eval";

  /** {@code support-answer=path/to/v2.json} on the command line. */
  public record Source(String promptId, Path file) {

    static Source parse(String value) {
      int eq = value.indexOf('=');
      if (eq <= 0 || eq == value.length() - 1) {
        throw new IllegalArgumentException("--prompt-file is <prompt id>=<file>, got " + value);
      }
      return new Source(value.substring(0, eq), Path.of(value.substring(eq + 1)));
    }
  }

  public static PromptFile read(Path file) {
    try {
      JsonNode node = JSON.readTree(Files.readString(file));
      String system = node.path("system").asString("");
      String user = node.path("user").asString("");
      if (system.isBlank() || user.isBlank()) {
        throw new IllegalArgumentException(file + " needs non-empty \"system\" and \"user\"");
      }
      return new PromptFile(system, user, node.path("note").asString("from " + file.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Stores this text as the prompt's next version; returns that version. */
  public PromptVersion storeAsNextVersion(PromptRegistry registry, String promptId) {
    return registry.versions().createNext(promptId, system, user, note, CREATED_BY, Instant.now());
  }
}
