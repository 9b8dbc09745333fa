package dev.steward.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started Steward where to find it, and which Temporal it runs on. */
@Component
class StartupBanner {

  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  @EventListener
  void onReady(ApplicationReadyEvent event) {
    if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
      String base = "http://localhost:" + web.getWebServer().getPort();
      Environment environment = event.getApplicationContext().getEnvironment();
      log.info(
          """

          Steward is up (embedded: API + worker, {}, Elasticsearch child JVM, offline model).
            API          {}/v1/tasks
            Swagger UI   {}/swagger-ui.html
            Health       {}/actuator/health  (UP once the demo corpus is indexed)
            Temporal     {}{}
          """,
          temporalName(environment),
          base,
          base,
          base,
          temporalDetail(environment),
          temporalUi(environment));
    }
  }

  private static boolean inProcess(Environment environment) {
    return environment.getProperty(EmbeddedTemporal.TEST_SERVER, Boolean.class, false);
  }

  private static String temporalName(Environment environment) {
    if (inProcess(environment)) {
      return "Temporal's in-process server";
    }
    return environment.containsProperty(EmbeddedTemporal.DB_FILE)
        ? "Temporal dev server"
        : "Temporal server";
  }

  private static String temporalDetail(Environment environment) {
    if (inProcess(environment)) {
      String fallback = environment.getProperty(EmbeddedTemporal.FALLBACK_REASON);
      return "in-process test server: tasks do not survive a restart"
          + (fallback == null ? "" : " (fallback: " + fallback + ")");
    }
    String target = environment.getProperty(EmbeddedTemporal.TARGET, "127.0.0.1:7233");
    String dbFile = environment.getProperty(EmbeddedTemporal.DB_FILE);
    return dbFile == null
        ? target
        : "dev server " + target + ", state kept in " + dbFile + " across restarts";
  }

  private static String temporalUi(Environment environment) {
    String ui = environment.getProperty(EmbeddedTemporal.UI_URL);
    return ui == null ? "" : "\n  Temporal UI  " + ui;
  }
}
