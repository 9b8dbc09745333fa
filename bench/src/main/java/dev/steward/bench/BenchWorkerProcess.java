package dev.steward.bench;

import dev.steward.app.EmbeddedSteward;
import dev.steward.temporalserver.TemporalDevServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker process of its own for {@link WaitingTasksMemoryBench}: the embedded stack (API and
 * workers; Elasticsearch in its own child JVM) against a real Temporal server, with the
 * zero-latency model. Writes its HTTP port to {@code <data dir>/worker.port} once started, and
 * stops when its standard input closes, so it never outlives the benchmark.
 *
 * <p>Arguments: {@code <data dir> <temporal target> [key=value ...]} (Spring properties).
 */
public final class BenchWorkerProcess implements AutoCloseable {

  static final String PORT_FILE = "worker.port";

  private final Process process;
  private final int port;

  private BenchWorkerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    Map<String, Object> properties = new HashMap<>(RealServerStack.stewardProperties(args[1]));
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      properties.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    try (EmbeddedSteward steward =
        EmbeddedSteward.start(
            dataDir,
            properties,
            new Class<?>[] {ZeroLatencyModel.class, BenchWorkerTuning.class})) {
      Path port = dataDir.resolve(PORT_FILE);
      Files.writeString(port.resolveSibling(PORT_FILE + ".tmp"), String.valueOf(steward.port()));
      Files.move(port.resolveSibling(PORT_FILE + ".tmp"), port);
      while (System.in.read() >= 0) {
        // Nothing is sent; end of input means the benchmark is done (or died).
      }
    }
    System.exit(0);
  }

  /** Starts the worker JVM and waits until its API answers; {@link #close()} stops it. */
  static BenchWorkerProcess launch(
      Path dataDir, TemporalDevServer server, String xmx, List<String> properties)
      throws Exception {
    Files.createDirectories(dataDir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx" + xmx,
            "-XX:NativeMemoryTracking=summary",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            BenchWorkerProcess.class.getName(),
            dataDir.toString(),
            server.target()));
    command.addAll(properties);
    Path log = dataDir.resolveSibling("worker.log");
    System.out.println("starting the worker JVM (log: " + log + ") ...");
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path portFile = dataDir.resolve(BenchWorkerProcess.PORT_FILE);
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (!Files.exists(portFile)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("the worker did not start; see " + log);
      }
      Thread.sleep(250);
    }
    int port = Integer.parseInt(Files.readString(portFile).trim());
    StewardApi.awaitHealthy(port, Duration.ofMinutes(5));
    System.out.printf(
        "worker pid %d up on port %d in %.1f s%n",
        process.pid(), port, (System.nanoTime() - started) / 1e9);
    return new BenchWorkerProcess(process, port);
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  int port() {
    return port;
  }
}
