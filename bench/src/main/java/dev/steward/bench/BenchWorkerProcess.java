package dev.steward.bench;

import dev.steward.app.EmbeddedSteward;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A worker process of its own for {@link WaitingTasksMemoryBench}: the embedded stack (API and
 * workers; Elasticsearch in its own child JVM) against a real Temporal server, with the
 * zero-latency model. Writes its HTTP port to {@code <data dir>/worker.port} once started, and
 * stops when its standard input closes, so it never outlives the benchmark.
 *
 * <p>Arguments: {@code <data dir> <temporal target> [key=value ...]} (Spring properties).
 */
public final class BenchWorkerProcess {

  static final String PORT_FILE = "worker.port";

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

  private BenchWorkerProcess() {}
}
