package dev.steward.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started Steward where to find it. */
@Component
class StartupBanner {

  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  @EventListener
  void onReady(ApplicationReadyEvent event) {
    if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
      String base = "http://localhost:" + web.getWebServer().getPort();
      log.info(
          """

          Steward is up (embedded: in-process Temporal, Elasticsearch child JVM, offline model).
            API         {}/v1/tasks
            Swagger UI  {}/swagger-ui.html
            Health      {}/actuator/health  (UP once the demo corpus is indexed)
          """,
          base,
          base,
          base);
    }
  }
}
