package dev.steward.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Grafana dashboard the repository ships, read as the tests need it. */
record GrafanaDashboard(JsonNode json) {

  static final Path FILE = Path.of("..", "ops", "grafana", "steward-dashboard.json");

  /**
   * Metric names are recognised by these prefixes; {@link #expressions()} each name at least one,
   * so a query of a metric with another prefix cannot escape the check.
   */
  static final Pattern METRIC = Pattern.compile("\\b(?:steward|temporal|http_server)_[a-z0-9_]+");

  static GrafanaDashboard load() throws IOException {
    return new GrafanaDashboard(JsonMapper.builder().build().readTree(Files.readString(FILE)));
  }

  /** Every PromQL expression: panel targets and template variable queries. */
  List<String> expressions() {
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        expressions.add(target.path("expr").asString());
      }
    }
    for (JsonNode variable : json.path("templating").path("list")) {
      if ("query".equals(variable.path("type").asString())) {
        expressions.add(variable.path("definition").asString());
      }
    }
    return expressions;
  }

  /** The metric names the expressions query. */
  Set<String> metricNames() {
    Set<String> names = new TreeSet<>();
    for (String expression : expressions()) {
      Matcher m = METRIC.matcher(expression);
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }

  /** The panels, rows excluded (and the panels of collapsed rows included). */
  List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : json.path("panels")) {
      if ("row".equals(panel.path("type").asString())) {
        panel.path("panels").forEach(panels::add);
      } else {
        panels.add(panel);
      }
    }
    return panels;
  }
}
