package dev.steward.esnode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.ClasspathPluginNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * Entry point of the child JVM started by {@link EmbeddedElasticsearch}: runs a single-node
 * Elasticsearch cluster on 127.0.0.1 until SIGTERM or until its standard input reaches EOF.
 *
 * <p>Arguments are {@code key=value} pairs, all required: {@code path.data}, {@code path.home},
 * {@code cluster.name} (passed to Elasticsearch as settings) and {@code port.file}, where the bound
 * HTTP port is written atomically once the node has started. The port is also printed as {@code
 * HTTP_PORT=nnnn} on stdout.
 */
public final class ElasticsearchNodeMain {

  static final String PATH_DATA = "path.data";
  static final String PATH_HOME = "path.home";
  static final String CLUSTER_NAME = "cluster.name";
  static final String PORT_FILE = "port.file";
  static final String HTTP_PORT = "http.port";

  private static final String NODE_NAME = "steward-embedded";
  private static final long CLOSE_TIMEOUT_SECONDS = 20;

  private ElasticsearchNodeMain() {}

  public static void main(String[] args) {
    try {
      run(parse(args));
    } catch (Throwable e) {
      // Node threads are not daemons: without an explicit exit a failed start would hang here.
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(Map<String, String> options) throws Exception {
    Path home = Files.createDirectories(Path.of(options.get(PATH_HOME)));
    Path portFile = Path.of(options.get(PORT_FILE));

    LogConfigurator.configureESLogging();
    Settings settings =
        Settings.builder()
            .put(PATH_DATA, options.get(PATH_DATA))
            .put(PATH_HOME, home.toString())
            .put(CLUSTER_NAME, options.get(CLUSTER_NAME))
            .put("node.name", NODE_NAME)
            // Without a log4j2.properties, log4j's default is errors only; node.log wants more.
            .put("logger.level", "INFO")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", Integer.parseInt(options.getOrDefault(HTTP_PORT, "0")))
            .put("transport.port", 0)
            // A nearly full laptop disk must not turn every index read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
    LogConfigurator.configureWithoutConfig(settings);
    Environment environment =
        InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> NODE_NAME);

    Node node =
        new ClasspathPluginNode(
            environment, List.of(Netty4Plugin.class, EnglishAnalysisPlugin.class));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(node), "es-node-shutdown"));
    node.start();

    int port =
        node.injector()
            .getInstance(HttpServerTransport.class)
            .boundAddress()
            .publishAddress()
            .getPort();
    writeAtomically(portFile, Integer.toString(port));
    System.out.println("HTTP_PORT=" + port);

    // The parent holds our stdin open; EOF means it has gone, so we must not outlive it.
    System.in.transferTo(OutputStream.nullOutputStream());
  }

  private static void close(Node node) {
    try {
      node.close();
      node.awaitClose(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      e.printStackTrace();
    }
  }

  private static void writeAtomically(Path target, String content) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(temp, content);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int separator = arg.indexOf('=');
      if (separator <= 0) {
        throw new IllegalArgumentException("expected key=value, got: " + arg);
      }
      options.put(arg.substring(0, separator), arg.substring(separator + 1));
    }
    for (String key : List.of(PATH_DATA, PATH_HOME, CLUSTER_NAME, PORT_FILE)) {
      if (!options.containsKey(key)) {
        throw new IllegalArgumentException("missing argument " + key + "=...");
      }
    }
    return options;
  }
}
