package dev.steward.esnode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Elasticsearch, running in a child JVM, for the embedded default and for tests.
 *
 * <p>This class uses no Elasticsearch or Lucene type, so a consumer depends on this module with
 * every transitive dependency excluded; the node's own jars are loaded only by the child JVM, from
 * a lib dir holding this module's jar and all its runtime dependencies. The build writes that dir
 * to {@code es-node/target/node/lib}. {@link #start(Path)} takes it from system property {@code
 * steward.es-node.lib-dir} if set, else from the first {@code es-node/target/node/lib} found in the
 * working directory or one of its parents, which works from the repository root and from any module
 * directory.
 *
 * <p>Under the data dir, {@code data/} holds the indices (kept across restarts), {@code home/} is
 * the node's {@code path.home}, and {@code logs/node.log} is the child's stdout and stderr ({@code
 * node.log.1} is the previous run's). The child exits when {@link #close()} sends SIGTERM, and also
 * when this JVM dies, because it quits on EOF of the stdin pipe held here.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

  private static final String MAIN_CLASS = "dev.steward.esnode.ElasticsearchNodeMain";
  private static final String CLUSTER_NAME = "steward-embedded";
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-Xms64m",
          "-Xmx512m",
          "-XX:+UseSerialGC",
          "-XX:+ExitOnOutOfMemoryError",
          "--enable-native-access=ALL-UNNAMED",
          "--add-modules=jdk.incubator.vector",
          // Our shutdown hook closes the node and still needs logging while it does.
          "-Dlog4j.shutdownHookEnabled=false",
          "-Dlog4j2.disable.jmx=true",
          "-Dio.netty.noUnsafe=true",
          "-Dio.netty.recycler.maxCapacityPerThread=0");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final int LOG_TAIL_BYTES = 8 * 1024;

  private final Process process;
  private final OutputStream stdin;
  private final String httpUrl;
  private boolean closed;

  private EmbeddedElasticsearch(Process process, String httpUrl) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.httpUrl = httpUrl;
  }

  /**
   * Starts a node on {@code dataDir} from the default lib dir (see the class comment) and returns
   * once its cluster health is at least yellow.
   *
   * @throws IllegalStateException if no lib dir is found, or the node is not ready within 90
   *     seconds (the message ends with the tail of the node log)
   */
  public static EmbeddedElasticsearch start(Path dataDir) {
    return start(dataDir, NodeLibDir.resolve());
  }

  /**
   * Starts a node on {@code dataDir} from the jars in {@code libDir} and returns once its cluster
   * health is at least yellow.
   *
   * @throws IllegalStateException if the node is not ready within 90 seconds (the message ends with
   *     the tail of the node log)
   */
  public static EmbeddedElasticsearch start(Path dataDir, Path libDir) {
    return start(dataDir, libDir, 0);
  }

  /**
   * Starts a node on a given HTTP port (0 picks a free one), e.g. to restart a node where its
   * clients expect it.
   */
  public static EmbeddedElasticsearch start(Path dataDir, int httpPort) {
    return start(dataDir, NodeLibDir.resolve(), httpPort);
  }

  private static EmbeddedElasticsearch start(Path dataDir, Path libDir, int httpPort) {
    NodeLibDir.requireDirectory(libDir);
    Path root = dataDir.toAbsolutePath();
    Path portFile = root.resolve("http.port");
    Path log = root.resolve("logs").resolve("node.log");
    Process process;
    try {
      Files.createDirectories(log.getParent());
      Files.deleteIfExists(portFile);
      if (Files.exists(log)) {
        Files.move(log, log.resolveSibling("node.log.1"), StandardCopyOption.REPLACE_EXISTING);
      }
      process =
          new ProcessBuilder(command(root, libDir.toAbsolutePath(), portFile, httpPort))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start Elasticsearch in " + root, e);
    }

    Instant deadline = Instant.now().plus(START_TIMEOUT);
    try {
      String httpUrl = "http://127.0.0.1:" + awaitPort(process, portFile, deadline);
      awaitYellow(process, httpUrl, deadline);
      return new EmbeddedElasticsearch(process, httpUrl);
    } catch (RuntimeException | InterruptedException e) {
      stop(process);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException(
          "Elasticsearch did not start in " + root + ": " + e.getMessage() + "\n" + tail(log), e);
    }
  }

  /** The node's HTTP endpoint, such as {@code http://127.0.0.1:54321}. */
  public String httpUrl() {
    return httpUrl;
  }

  /** Stops the child JVM: SIGTERM, then a kill if it has not exited within 30 seconds. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop(process);
    try {
      stdin.close();
    } catch (IOException ignored) {
      // The child is gone; its end of the pipe is closed already.
    }
  }

  private static List<String> command(Path root, Path libDir, Path portFile, int httpPort) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(JVM_OPTIONS);
    // Where Elasticsearch looks for its native libraries (lib/platform); Central has none, so
    // the node runs without them, as its own log says once.
    command.add("-Des.path.home=" + root.resolve("home"));
    command.add("-cp");
    command.add(libDir.resolve("*").toString());
    command.add(MAIN_CLASS);
    // These keys are compile-time constants: using them does not load the node's classes here.
    command.add(ElasticsearchNodeMain.PATH_DATA + "=" + root.resolve("data"));
    command.add(ElasticsearchNodeMain.PATH_HOME + "=" + root.resolve("home"));
    command.add(ElasticsearchNodeMain.CLUSTER_NAME + "=" + CLUSTER_NAME);
    command.add(ElasticsearchNodeMain.PORT_FILE + "=" + portFile);
    command.add(ElasticsearchNodeMain.HTTP_PORT + "=" + httpPort);
    return command;
  }

  private static int awaitPort(Process process, Path portFile, Instant deadline)
      throws InterruptedException {
    while (true) {
      try {
        return Integer.parseInt(Files.readString(portFile).strip());
      } catch (NoSuchFileException e) {
        awaitNextPoll(process, deadline, "no HTTP port after " + START_TIMEOUT.toSeconds() + " s");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void awaitYellow(Process process, String httpUrl, Instant deadline)
      throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(httpUrl + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      while (true) {
        try {
          if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // Not listening yet or reset while starting: ask again.
        }
        awaitNextPoll(
            process, deadline, "cluster not yellow after " + START_TIMEOUT.toSeconds() + " s");
      }
    }
  }

  private static void awaitNextPoll(Process process, Instant deadline, String timeoutMessage)
      throws InterruptedException {
    if (!process.isAlive()) {
      throw new IllegalStateException("node exited with status " + process.exitValue());
    }
    if (Instant.now().isAfter(deadline)) {
      throw new IllegalStateException(timeoutMessage);
    }
    Thread.sleep(POLL_INTERVAL);
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path log) {
    try (SeekableByteChannel channel = Files.newByteChannel(log)) {
      long start = Math.max(0, channel.size() - LOG_TAIL_BYTES);
      ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
      channel.position(start);
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {}
      return "--- tail of " + log + " ---\n" + new String(buffer.array(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log at " + log + ": " + e + ")";
    }
  }
}
