package dev.steward.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The shipped dashboard is importable as is: one Prometheus datasource variable that every query
 * uses, and queries that name the metrics {@link MetricsIT} checks against a real scrape.
 */
class GrafanaDashboardTest {

  @Test
  void everyQueryUsesTheDatasourceVariable() throws Exception {
    GrafanaDashboard dashboard = GrafanaDashboard.load();

    JsonNode variable = dashboard.json().path("templating").path("list").get(0);
    assertThat(variable.path("type").asString()).isEqualTo("datasource");
    assertThat(variable.path("query").asString()).isEqualTo("prometheus");
    String datasource = "${" + variable.path("name").asString() + "}";
    assertThat(dashboard.panels()).hasSizeGreaterThan(15);
    for (JsonNode panel : dashboard.panels()) {
      assertThat(panel.path("datasource").path("uid").asString())
          .as(panel.path("title").asString())
          .isEqualTo(datasource);
      assertThat(panel.path("targets")).as(panel.path("title").asString()).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asString()).isEqualTo(datasource);
      }
    }
  }

  @Test
  void everyQueryNamesACheckedMetric() throws Exception {
    for (String expression : GrafanaDashboard.load().expressions()) {
      assertThat(GrafanaDashboard.METRIC.matcher(expression).find())
          .as("a metric MetricsIT can check in: " + expression)
          .isTrue();
    }
  }

  @Test
  void panelIdsAreUniqueAndTheUidIsStable() throws Exception {
    GrafanaDashboard dashboard = GrafanaDashboard.load();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.json().path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("id " + panel.path("id")).isTrue();
    }
    assertThat(dashboard.json().path("uid").asString()).isEqualTo("steward-overview");
  }

  @Test
  void coversWhatTheIssueAsksFor() throws Exception {
    assertThat(GrafanaDashboard.load().metricNames())
        .contains(
            "steward_step_tokens_total",
            "steward_step_cost_usd_total",
            "steward_step_latency_seconds_bucket",
            "steward_validations_total",
            "steward_approvals_pending",
            "steward_approval_decision_latency_seconds_bucket",
            "steward_feedback_rating_mean",
            "temporal_workflow_task_execution_latency_seconds_bucket",
            "temporal_activity_execution_latency_seconds_bucket",
            "temporal_workflow_task_queue_poll_succeed_total");
  }
}
