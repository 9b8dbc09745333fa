package dev.steward.app;

import static dev.steward.app.StewardHttp.APPROVER;
import static dev.steward.app.StewardHttp.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /actuator/prometheus} of the embedded stack after real tasks: who may scrape it, that it
 * holds Steward's, Temporal's and the API's meters, that they carry no input text, and that every
 * metric the Grafana dashboard ({@code ops/grafana/steward-dashboard.json}) queries is one the
 * application registers, so that the dashboard cannot drift from the code.
 */
class MetricsIT {

  private static final String ENGINEER = "demo-engineer-key";
  private static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);

  /** Temporal's SDK reports its meters every 10 s; the stored-state gauges refresh every 1 s. */
  private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(45);

  private static final String STEP_COUNT = "steward_step_latency_seconds_count";
  private static final String PENDING = "steward_approvals_pending";
  private static final String DECISIONS = "steward_approval_decision_latency_seconds_count";
  private static final String REFUNDS = "task_type=\"refund-decision\"";

  private static final String REFUND_REASON = "The blender jar shattered on first use";

  private static EmbeddedSteward steward;
  private static StewardHttp http;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createTempDirectory("steward-metrics-it");
    steward =
        EmbeddedSteward.start(
            data, Map.of("server.port", 0, "steward.metrics.refresh-interval", "1s"));
    http = new StewardHttp(steward.port());
    http.awaitHealthy(Duration.ofSeconds(120));
  }

  @AfterAll
  static void stop() {
    if (steward != null) {
      steward.close();
    }
  }

  @Test
  void theDashboardQueriesOnlyMetricsTheApplicationRegisters() throws Exception {
    String answer =
        startTask(
            "{\"type\":\"support-answer\",\"input\":"
                + "{\"question\":\"How long does a refund take after I send an item back?\"}}");
    String refund = startRefund(180);

    JsonNode answered = http.awaitTask(answer, REQUESTER, s -> !s.equals("RUNNING"), TASK_TIMEOUT);
    assertThat(answered.path("status").asString()).as(answered.toString()).isEqualTo("COMPLETED");
    var feedback = http.post("/v1/tasks/" + answer + "/feedback", REQUESTER, "{\"rating\":5}");
    assertThat(feedback.status()).as(feedback.body()).isEqualTo(200);

    JsonNode waiting = http.awaitTask(refund, REQUESTER, "AWAITING_APPROVAL"::equals, TASK_TIMEOUT);
    String pending = awaitScrape(s -> value(s, PENDING, REFUNDS).orElse(0) >= 1);
    assertThat(value(pending, PENDING, REFUNDS + ",tenant=\"acme\"")).hasValue(1);

    String hash = waiting.path("pendingApproval").path("actionHash").asString();
    var decided =
        http.post(
            "/v1/tasks/" + refund + "/decision",
            APPROVER,
            "{\"verdict\":\"APPROVE\",\"actionHash\":\"" + hash + "\"}");
    assertThat(decided.status()).as(decided.body()).isEqualTo(200);
    http.awaitTask(refund, REQUESTER, "COMPLETED"::equals, TASK_TIMEOUT);

    Set<String> queried = dashboardMetricNames();
    String scrape =
        awaitScrape(s ->
            missing(queried, s).isEmpty()
                && value(s, PENDING, REFUNDS).orElse(-1) == 0
                && value(s, DECISIONS, "verdict=\"approve\"").isPresent());
    assertThat(missing(queried, scrape))
        .as("metrics the dashboard queries that the application does not register")
        .isEmpty();
    assertThat(unknownLabels(GrafanaDashboard.load().expressions(), scrape))
        .as("labels the dashboard filters or groups by that its metrics do not have")
        .isEmpty();

    assertThat(value(scrape, PENDING, REFUNDS)).as("pending after the decision").hasValue(0);
    assertThat(value(scrape, DECISIONS, "verdict=\"approve\"")).hasValue(1);
    assertThat(value(scrape, "steward_feedback_rating_mean", "prompt=\"support-answer@1\""))
        .hasValue(5);
    assertThat(value(scrape, STEP_COUNT, "step=\"DraftOutput\"").orElse(0))
        .isGreaterThanOrEqualTo(2);
    assertThat(
            value(
                    scrape,
                    "steward_step_tokens_total",
                    "step=\"DraftOutput\",task_type=\"support-answer\",tenant=\"acme\",type=\"prompt\"")
                .orElse(0))
        .isPositive();
    assertThat(scrape)
        .as("Temporal's SDK meters in the same registry")
        .contains("temporal_activity_execution_latency_seconds_bucket{")
        .contains("activity_type=\"DraftOutput\"");
  }

  @Test
  void onlyEngineersMayScrape() {
    assertThat(http.get("/actuator/prometheus", null).status()).isEqualTo(401);
    assertThat(http.get("/actuator/prometheus", REQUESTER).status()).isEqualTo(403);
    assertThat(http.get("/actuator/prometheus", APPROVER).status()).isEqualTo(403);
    var scrape = http.get("/actuator/prometheus", ENGINEER);
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.contentType()).startsWith("text/plain");
  }

  @Test
  void metricsCarryNoInputText() throws Exception {
    String actions = "step=\"ExecuteAction\"";
    double before =
        value(http.get("/actuator/prometheus", ENGINEER).body(), STEP_COUNT, actions).orElse(0);
    String refund = startRefund(20);
    http.awaitTask(refund, REQUESTER, s -> !s.equals("RUNNING"), TASK_TIMEOUT);
    String scrape = awaitScrape(s -> value(s, STEP_COUNT, actions).orElse(0) > before);

    assertThat(scrape)
        .doesNotContain("blender")
        .doesNotContain("shattered")
        .doesNotContain("send an item back")
        .doesNotContain(refund)
        .doesNotContain("LG-");
  }

  private static String startTask(String body) {
    var reply = http.post("/v1/tasks", REQUESTER, body, "metrics-" + UUID.randomUUID());
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    return reply.json().path("taskId").asString();
  }

  private static String startRefund(double amount) {
    return startTask(
        """
        {"type":"refund-decision","input":{"orderId":"LG-%08d","orderTotal":%s,
         "requestedAmount":%s,"reason":"%s",
         "daysSinceDelivery":3,"itemCondition":"damaged"}}\
        """
            .formatted((long) (Math.random() * 1e8), amount, amount, REFUND_REASON));
  }

  /** Scrapes until {@code done} holds or the timeout passes; returns the last scrape. */
  private static String awaitScrape(java.util.function.Predicate<String> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + SCRAPE_TIMEOUT.toNanos();
    String scrape = http.get("/actuator/prometheus", ENGINEER).body();
    while (!done.test(scrape) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      scrape = http.get("/actuator/prometheus", ENGINEER).body();
    }
    return scrape;
  }

  /** The sum of the samples of {@code name} whose labels contain {@code labels}; empty if none. */
  private static OptionalDouble value(String scrape, String name, String labels) {
    Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$");
    double sum = 0;
    boolean found = false;
    for (String line : scrape.lines().toList()) {
      Matcher m = sample.matcher(line);
      if (m.matches() && m.group(1).contains(labels)) {
        sum += Double.parseDouble(m.group(2));
        found = true;
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  private static Set<String> missing(Set<String> queried, String scrape) {
    Set<String> exposed = new TreeSet<>();
    for (String line : scrape.lines().toList()) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        exposed.add(line.split("[{ ]", 2)[0]);
      }
    }
    Set<String> missing = new TreeSet<>(queried);
    missing.removeAll(exposed);
    return missing;
  }

  /**
   * Labels the expressions select on ({@code name{label=...}}) or group by ({@code by (...)}) that
   * the scraped series of their metrics do not carry, as {@code metric:label} or {@code by:label in
   * expression}.
   */
  private static Set<String> unknownLabels(List<String> expressions, String scrape) {
    Map<String, Set<String>> labels = new HashMap<>();
    Pattern series = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    Pattern key = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    for (String line : scrape.lines().toList()) {
      Matcher m = series.matcher(line);
      if (m.find()) {
        Matcher k = key.matcher(m.group(2));
        while (k.find()) {
          labels.computeIfAbsent(m.group(1), n -> new HashSet<>()).add(k.group(1));
        }
      }
    }
    Set<String> unknown = new TreeSet<>();
    Pattern selector = Pattern.compile(GrafanaDashboard.METRIC.pattern() + "\\{([^}]*)}");
    Pattern by = Pattern.compile("\\bby \\(([^)]*)\\)");
    for (String expression : expressions) {
      Set<String> queried = new HashSet<>();
      Matcher s = selector.matcher(expression);
      while (s.find()) {
        String name = s.group().substring(0, s.group().indexOf('{'));
        Matcher k = key.matcher(s.group(1));
        while (k.find()) {
          if (!labels.getOrDefault(name, Set.of()).contains(k.group(1))) {
            unknown.add(name + ":" + k.group(1));
          }
        }
      }
      Matcher n = GrafanaDashboard.METRIC.matcher(expression);
      while (n.find()) {
        queried.addAll(labels.getOrDefault(n.group(), Set.of()));
      }
      queried.add("le");
      Matcher b = by.matcher(expression);
      while (b.find()) {
        for (String label : b.group(1).split(",")) {
          if (!queried.contains(label.strip())) {
            unknown.add("by:" + label.strip() + " in " + expression);
          }
        }
      }
    }
    return unknown;
  }

  private static Set<String> dashboardMetricNames() throws Exception {
    Set<String> names = GrafanaDashboard.load().metricNames();
    assertThat(names).as("the dashboard queries metrics").hasSizeGreaterThan(10);
    return names;
  }
}
