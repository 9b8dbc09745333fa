package dev.steward.e2e;

import dev.steward.codec.AesGcmPayloadCodec;
import dev.steward.codec.CodecKeys;
import dev.steward.esnode.EmbeddedElasticsearch;
import dev.steward.temporalserver.TemporalDevServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Steward as it is deployed, on one machine: Temporal's real dev server (SQLite), an Elasticsearch
 * node, a local model provider, the api in a JVM of its own and workers in JVMs of their own (their
 * exec jars), each configured only through its command line and environment. Logs and state live
 * under {@code steward.e2e.run-dir} (e2e/target/e2e-run), which each run starts afresh.
 */
final class StewardCluster implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path dir;
  private final TemporalDevServer.Options temporalOptions;
  private final EmbeddedElasticsearch elasticsearch;
  private final CountingModelProvider provider;
  private final Map<String, String> secrets;
  private final List<ChildJvm> workers = new ArrayList<>();
  private final AtomicInteger workerNumbers = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private TemporalDevServer temporal;
  private TemporalProbe probe;
  private ChildJvm api;
  private StewardApi apiClient;
  private int apiPort;

  private StewardCluster(
      Path dir,
      TemporalDevServer temporal,
      EmbeddedElasticsearch elasticsearch,
      CountingModelProvider provider) {
    this.dir = dir;
    this.temporal = temporal;
    this.temporalOptions = temporal.options();
    this.elasticsearch = elasticsearch;
    this.provider = provider;
    // The api and the workers must share the payload key; a fresh one per run, in the environment.
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.probe =
        new TemporalProbe(
            temporal.target(), new AesGcmPayloadCodec(CodecKeys.of(Map.of("e2e", key), "e2e")));
    this.secrets = Map.of("STEWARD_CODEC_KEYS_E2E", Base64.getEncoder().encodeToString(key));
  }

  /** Starts everything, one worker included, and ingests the corpus through the API. */
  static StewardCluster start() throws Exception {
    long started = System.nanoTime();
    Path dir = Path.of(System.getProperty("steward.e2e.run-dir", "target/e2e-run"));
    deleteRecursively(dir);
    Files.createDirectories(dir);
    Path cli =
        TemporalDevServer.findCli()
            .orElseThrow(() ->
                new IllegalStateException(
                    "no temporal CLI: run ./steward test, which installs it into .venv"));
    CompletableFuture<EmbeddedElasticsearch> elasticsearch =
        CompletableFuture.supplyAsync(() -> EmbeddedElasticsearch.start(dir.resolve("es")));
    TemporalDevServer temporal =
        TemporalDevServer.start(
            TemporalDevServer.Options.freePorts(cli, dir.resolve("temporal/temporal.db")));
    StewardCluster cluster =
        new StewardCluster(
            dir, temporal, elasticsearch.join(), new CountingModelProvider(E2eCorpus.claims()));
    try {
      CompletableFuture<ChildJvm> worker = CompletableFuture.supplyAsync(cluster::startWorker);
      cluster.startApi();
      worker.join();
      cluster.ingestCorpus();
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
    System.out.printf(
        "[e2e] cluster up in %.1f s: temporal %s, elasticsearch %s, api :%d, run dir %s%n",
        (System.nanoTime() - started) / 1e9,
        temporal.target(),
        cluster.elasticsearch.httpUrl(),
        cluster.apiPort(),
        dir.toAbsolutePath());
    return cluster;
  }

  // --- processes ---

  private void startApi() {
    int port = TemporalDevServer.freePort();
    apiPort = port;
    List<String> args = new ArrayList<>(jvmOptions());
    args.addAll(List.of("-jar", jar("steward.e2e.api-jar")));
    args.addAll(commonArguments());
    args.add("--server.port=" + port);
    // The demo API keys, as docker-compose.yml gives them to the api.
    args.add("--spring.config.import=classpath:steward-demo-keys.yml");
    api = ChildJvm.start("api", args, secrets, dir.resolve("logs/api.log"));
    apiClient = new StewardApi(port);
    awaitUntil(api, apiClient::healthy, "the api answering /actuator/health");
  }

  /** Starts an ordinary worker from its exec jar and waits until it polls. */
  ChildJvm startWorker() {
    List<String> args = new ArrayList<>(jvmOptions());
    args.addAll(List.of("-jar", jar("steward.e2e.worker-jar")));
    args.addAll(workerArguments());
    return launchWorker("worker", args);
  }

  /**
   * Starts a worker that holds activities after their body ran, until it is killed (see {@link
   * ControlledWorker}), and waits until it polls.
   *
   * @param holds task tag to the activity type to hold for that task
   */
  ChildJvm startHoldingWorker(Map<String, String> holds, Path markers) {
    List<String> args = new ArrayList<>(jvmOptions());
    args.add("-D" + ControlledWorker.HOLDS + "=" + ControlledWorker.plan(holds));
    args.add("-D" + ControlledWorker.MARKERS + "=" + markers.toAbsolutePath());
    args.addAll(List.of("-cp", testClassPath(), ControlledWorker.class.getName()));
    args.addAll(workerArguments());
    return launchWorker("holding-worker", args);
  }

  /**
   * Starts a worker that comes up but polls only after {@link #signal}: a standby that takes over
   * at once, without the JVM start in between. Returns once it is up.
   */
  ChildJvm startStandbyWorker(Path signal) {
    List<String> args = new ArrayList<>(jvmOptions());
    args.add("-D" + ControlledWorker.START_SIGNAL + "=" + signal.toAbsolutePath());
    args.addAll(List.of("-cp", testClassPath(), ControlledWorker.class.getName()));
    args.addAll(workerArguments());
    args.add("--spring.temporal.start-workers=false");
    String name = "standby-worker-" + workerNumbers.incrementAndGet();
    ChildJvm worker = ChildJvm.start(name, args, secrets, dir.resolve("logs/" + name + ".log"));
    synchronized (this) {
      workers.add(worker);
    }
    awaitUntil(
        worker,
        () -> Files.exists(ControlledWorker.readyMarker(signal.toAbsolutePath())),
        "up and waiting for its start signal");
    return worker;
  }

  /** Lets a standby worker poll, and waits until it does. */
  void signal(ChildJvm standby, Path signal) {
    try {
      Files.writeString(signal, "go");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitUntil(standby, () -> probe.polledBy(standby.pid()), "polling after its start signal");
  }

  private ChildJvm launchWorker(String kind, List<String> args) {
    long started = System.nanoTime();
    String name = kind + "-" + workerNumbers.incrementAndGet();
    ChildJvm worker = ChildJvm.start(name, args, secrets, dir.resolve("logs/" + name + ".log"));
    synchronized (this) {
      workers.add(worker);
    }
    awaitUntil(worker, () -> probe.polledBy(worker.pid()), "polling " + TemporalProbe.TASK_QUEUE);
    System.out.printf(
        "[e2e] %s polling %.1f s after its start (%.1f s of CPU)%n",
        worker, (System.nanoTime() - started) / 1e9, worker.cpuSeconds());
    return worker;
  }

  /** The live workers. */
  synchronized List<ChildJvm> workers() {
    workers.removeIf(w -> !w.isAlive());
    return List.copyOf(workers);
  }

  /** Stops every worker gracefully (SIGTERM), e.g. before a test that needs its own. */
  void stopWorkers() {
    workers().parallelStream().forEach(ChildJvm::stop);
  }

  /** Leaves exactly one worker running (stopping the others gracefully) and returns it. */
  ChildJvm onlyWorker() {
    ensureWorkers(1);
    List<ChildJvm> running = workers();
    running.subList(1, running.size()).parallelStream().forEach(ChildJvm::stop);
    return running.getFirst();
  }

  /** Starts workers until {@code count} run. */
  void ensureWorkers(int count) {
    while (workers().size() < count) {
      startWorker();
    }
  }

  private List<String> jvmOptions() {
    return List.of(
        "-Xmx768m",
        "-XX:+UseSerialGC",
        // Start-up dominates these short-lived JVMs on two cores; C1 code is fast enough.
        "-XX:TieredStopAtLevel=1",
        "--enable-native-access=ALL-UNNAMED");
  }

  private List<String> commonArguments() {
    return List.of(
        "--spring.temporal.connection.target=" + temporal.target(),
        "--spring.temporal.namespace=" + TemporalProbe.NAMESPACE,
        "--spring.temporal.test-server.enabled=false",
        "--spring.elasticsearch.uris=" + elasticsearch.httpUrl(),
        "--steward.codec.active-key=e2e");
  }

  private List<String> workerArguments() {
    List<String> args = new ArrayList<>(commonArguments());
    String provider = "--steward.models.providers.e2e.";
    args.add(provider + "type=openai-compatible");
    args.add(provider + "base-url=" + this.provider.baseUrl());
    args.add(provider + "timeout=30s");
    args.add("--steward.models.tiers.small[0]=e2e/e2e-small");
    args.add("--steward.models.tiers.strong[0]=e2e/e2e-strong");
    return args;
  }

  private static String jar(String property) {
    String path = System.getProperty(property);
    if (path == null || !Files.isRegularFile(Path.of(path))) {
      throw new IllegalStateException(
          "missing "
              + property
              + " ("
              + path
              + "): build it first, e.g. ./mvnw -pl e2e -am verify");
    }
    return path;
  }

  /** Surefire and Failsafe hide the real class path behind a manifest-only jar. */
  private static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private void awaitUntil(ChildJvm process, BooleanSupplier ready, String what) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            process + " exited before " + what + "; see " + process.log());
      }
      try {
        if (ready.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // Not up yet.
      }
      sleep(250);
    }
    throw new IllegalStateException(process + " not " + what + " within " + START_TIMEOUT);
  }

  // --- the Temporal server ---

  /** Kills the dev server (SIGKILL) and starts it again on the same SQLite file and ports. */
  Duration restartTemporal() {
    temporal.kill();
    long started = System.nanoTime();
    temporal = TemporalDevServer.start(temporalOptions);
    return Duration.ofNanos(System.nanoTime() - started);
  }

  TemporalDevServer temporal() {
    return temporal;
  }

  // --- data ---

  private void ingestCorpus() {
    for (E2eCorpus.Document d : E2eCorpus.DOCUMENTS) {
      StewardApi.Reply reply =
          apiClient.post(
              "/v1/documents",
              StewardApi.ADMIN,
              Map.of(
                  "documentId", d.id(),
                  "title", d.title(),
                  "contentType", "text/plain",
                  "content", d.content()),
              null);
      if (reply.status() != 202) {
        throw new IllegalStateException("upload of " + d.id() + " refused: " + reply);
      }
    }
    for (E2eCorpus.Document d : E2eCorpus.DOCUMENTS) {
      awaitUntil(
          api,
          () -> {
            JsonNode doc = apiClient.get("/v1/documents/" + d.id(), StewardApi.ADMIN).json();
            if ("FAILED".equals(doc.path("state").asString())) {
              throw new IllegalStateException("ingestion of " + d.id() + " failed: " + doc);
            }
            return "INDEXED".equals(doc.path("state").asString());
          },
          d.id() + " indexed");
    }
  }

  /** Documents of an index, as JSON sources (after a refresh, so recent writes are in). */
  List<JsonNode> documents(String index) {
    try {
      send(
          HttpRequest.newBuilder(URI.create(elasticsearch.httpUrl() + "/" + index + "/_refresh"))
              .POST(HttpRequest.BodyPublishers.noBody()));
      String body =
          send(
              HttpRequest.newBuilder(
                      URI.create(elasticsearch.httpUrl() + "/" + index + "/_search?size=10000"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"match_all\":{}}}")));
      List<JsonNode> sources = new ArrayList<>();
      JSON.readTree(body).path("hits").path("hits").forEach(h -> sources.add(h.path("_source")));
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Action-ledger entries per task id: the side effects that happened. */
  Map<String, Integer> ledgerEntries() {
    Map<String, Integer> counts = new HashMap<>();
    documents("steward-actions")
        .forEach(d -> counts.merge(d.path("taskId").asString(), 1, Integer::sum));
    return counts;
  }

  private String send(HttpRequest.Builder request) throws IOException {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IOException(
            "Elasticsearch answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  // --- accessors ---

  StewardApi api() {
    return apiClient;
  }

  int apiPort() {
    return apiPort;
  }

  CountingModelProvider provider() {
    return provider;
  }

  TemporalProbe probe() {
    return probe;
  }

  E2eTasks tasks() {
    return new E2eTasks(apiClient, provider);
  }

  String elasticsearchUrl() {
    return elasticsearch.httpUrl();
  }

  Path dir() {
    return dir;
  }

  @Override
  public void close() {
    for (ChildJvm w : workers()) {
      w.kill();
    }
    if (api != null) {
      api.kill();
    }
    probe.close();
    provider.close();
    temporal.close();
    elasticsearch.close();
  }

  /**
   * CPU time used so far by this JVM and every process it started, in seconds, by kind (test,
   * elasticsearch, temporal, api, workers): what a run costs, whatever else the machine is doing.
   */
  static Map<String, Double> cpuSeconds() {
    Map<String, Double> byKind = new TreeMap<>();
    Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
        .forEach(p -> {
          double seconds = p.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
          byKind.merge(kind(p), seconds, Double::sum);
        });
    return byKind;
  }

  private static String kind(ProcessHandle process) {
    if (process.pid() == ProcessHandle.current().pid()) {
      return "test";
    }
    String command = String.join(" ", process.info().arguments().orElse(new String[0]));
    if (command.contains("ElasticsearchNodeMain")) {
      return "elasticsearch";
    }
    if (command.contains("start-dev")) {
      return "temporal";
    }
    if (command.contains("steward-api")) {
      return "api";
    }
    return command.contains("Worker") || command.contains("steward-worker") ? "workers" : "other";
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
