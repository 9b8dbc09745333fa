package dev.steward.temporalserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  @Test
  void stopsWhenItsJvmIsKilled() throws Exception {
    TemporalDevServer.Options options = options();
    Process owner = startOwner(options);
    ProcessHandle server = ProcessHandle.of(serverPid(owner)).orElseThrow();

    owner.destroyForcibly();

    assertThat(server.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
    assertThat(listening(options.port())).isFalse();
  }

  @Test
  void nextStartStopsTheServerOfADeadOwner() throws Exception {
    TemporalDevServer.Options options = options();
    Process owner = startOwner(options);
    ProcessHandle orphan = ProcessHandle.of(serverPid(owner)).orElseThrow();
    // Kill the watchdog with its JVM, as `kill -9` of the whole tree but the server would.
    owner
        .descendants()
        .filter(p -> p.pid() != orphan.pid())
        .forEach(ProcessHandle::destroyForcibly);
    owner.destroyForcibly().waitFor();
    Thread.sleep(500);
    assertThat(orphan.isAlive()).as("left running, port %d taken", options.port()).isTrue();

    try (TemporalDevServer server = TemporalDevServer.start(options)) {
      assertThat(orphan.isAlive()).isFalse();
      assertThat(server.pid()).isNotEqualTo(orphan.pid());
      assertThat(cli(options.cli(), server, "operator", "namespace", "list")).contains("default");
    }
  }

  @Test
  void refusesAFileWhoseServerStillHasALiveOwner() {
    try (TemporalDevServer server = TemporalDevServer.start(options())) {
      TemporalDevServer.Options sameFile =
          server.options().withPorts(TemporalDevServer.freePort(), TemporalDevServer.freePort());
      assertThatThrownBy(() -> TemporalDevServer.start(sameFile))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already serves");
      assertThat(server.isAlive()).isTrue();
    }
  }

  @Test
  void saysWhichPortIsTaken() throws Exception {
    TemporalDevServer.Options options = options();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", options.port()));
      assertThatThrownBy(() -> TemporalDevServer.start(options))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port 127.0.0.1:" + options.port() + " is in use");
    }
  }

  @Test
  void startsAgainWhenTheServerLostARaceForAPort() throws Exception {
    TemporalDevServer.Options real = options();
    // The first start dies as the CLI does when one of its internal services cannot bind.
    Path cli =
        wrapper(
            real.cli(),
            "echo 'level=ERROR msg=\"Failed to start gRPC listener\" error=\"listen tcp"
                + " 127.0.0.1:1: bind: address already in use\" service=worker'; exit 2");

    try (TemporalDevServer server = TemporalDevServer.start(withCli(real, cli))) {
      assertThat(listening(server.options().port())).isTrue();
    }
    assertThat(Files.readAllLines(dir.resolve("starts"))).hasSize(2);
  }

  @Test
  void doesNotStartAgainWhenTheServerFailsForAnotherReason() throws Exception {
    TemporalDevServer.Options real = options();
    Path cli = wrapper(real.cli(), "echo 'unknown flag: --bogus'; exit 1");

    assertThatThrownBy(() -> TemporalDevServer.start(withCli(real, cli)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("see " + real.dbFile().toAbsolutePath() + ".log");
    assertThat(Files.readAllLines(dir.resolve("starts"))).hasSize(1);
  }

  /**
   * A CLI that runs {@code firstStart} (shell) on its first start and the real CLI after that,
   * logging each start to {@code starts}.
   */
  private Path wrapper(Path realCli, String firstStart) throws IOException {
    Path starts = dir.resolve("starts");
    Path script = dir.resolve("temporal-wrapper.sh");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "echo start >> '"
            + starts
            + "'\n"
            + "if [ \"$(wc -l < '"
            + starts
            + "')\" -eq 1 ]; then "
            + firstStart
            + "; fi\n"
            + "exec '"
            + realCli
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private static TemporalDevServer.Options withCli(TemporalDevServer.Options o, Path cli) {
    return new TemporalDevServer.Options(
        cli,
        o.dbFile(),
        o.ip(),
        o.port(),
        o.uiPort(),
        o.codecEndpoint(),
        o.searchAttributes(),
        o.extraArgs());
  }

  private TemporalDevServer.Options options() {
    Path cli = TemporalDevServer.findCli().orElse(null);
    assertThat(cli).as("temporal CLI (./steward installs it into .venv)").isNotNull();
    return TemporalDevServer.Options.freePorts(cli, dir.resolve("temporal.db"));
  }

  private static Process startOwner(TemporalDevServer.Options options) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            DevServerOwner.class.getName(),
            options.dbFile().toString(),
            String.valueOf(options.port()),
            String.valueOf(options.uiPort()))
        .redirectErrorStream(true)
        .start();
  }

  private static long serverPid(Process owner) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("server-pid ")) {
        return Long.parseLong(line.substring("server-pid ".length()));
      }
    }
    throw new AssertionError("the owner JVM exited before its server started");
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
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
