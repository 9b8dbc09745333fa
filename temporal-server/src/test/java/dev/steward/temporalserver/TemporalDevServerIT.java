package dev.steward.temporalserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalDevServerIT {

  @TempDir Path dir;

  @Test
  void startsWithStewardSearchAttributesAndKeepsStateAcrossRestarts() throws Exception {
    Path cli = TemporalDevServer.findCli().orElse(null);
    assertThat(cli).as("temporal CLI (./steward installs it into .venv)").isNotNull();
    TemporalDevServer.Options options =
        TemporalDevServer.Options.freePorts(cli, dir.resolve("temporal.db"));
    try (TemporalDevServer server = TemporalDevServer.start(options)) {
      String attributes = cli(cli, server, "operator", "search-attribute", "list");
      TemporalDevServer.STEWARD_SEARCH_ATTRIBUTES
          .keySet()
          .forEach(name -> assertThat(attributes).contains(name));
      cli(cli, server, "operator", "namespace", "create", "--namespace", "kept-across-restarts");
    }
    try (TemporalDevServer server = TemporalDevServer.start(options)) {
      assertThat(cli(cli, server, "operator", "namespace", "list"))
          .contains("kept-across-restarts");
    }
  }

  private static String cli(Path cli, TemporalDevServer server, String... args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(cli.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", server.target()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    return out;
  }
}
