package dev.steward.observability.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Logs through the logging Spring Boot sets up in every Steward process (this module's {@code
 * logback-spring.xml}) and reads what reaches the console.
 */
@ExtendWith(OutputCaptureExtension.class)
class MaskedLoggingTest {

  private static final Logger log = LoggerFactory.getLogger(MaskedLoggingTest.class);

  private ConfigurableApplicationContext context;

  @AfterEach
  void close() {
    if (context != null) {
      context.close();
    }
    LogRedaction.use(null, true);
    // Spring Boot keeps the patterns it resolved as system properties, for later contexts too.
    System.clearProperty("CONSOLE_LOG_PATTERN");
  }

  @Test
  void masksPersonalDataInMessagesAndStackTraces(CapturedOutput output) {
    context = start();

    log.info(
        "refund asked by jane.doe@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111");
    log.warn(
        "could not parse the request",
        new IllegalArgumentException("bad value \"john.smith@example.org\" in field email"));

    String console = output.getOut();
    assertThat(console)
        .contains("refund asked by [EMAIL_1], call [PHONE_1], card [CARD_1]")
        .contains("could not parse the request")
        .contains("IllegalArgumentException: bad value \"[EMAIL_1]\" in field email")
        .contains("at dev.steward.observability.logging.MaskedLoggingTest")
        .doesNotContain("jane.doe@example.com")
        .doesNotContain("7946 0958")
        .doesNotContain("4111 1111 1111 1111")
        .doesNotContain("john.smith@example.org");
  }

  @Test
  void masksTheNationalIdsADeploymentConfigures(CapturedOutput output) {
    context =
        start(
            "--steward.screening.pii.national-ids[0].name=EMPLOYEE_ID",
            "--steward.screening.pii.national-ids[0].regex=\\bEMP-\\d{6}\\b");

    log.info("badge EMP-204518 was used");

    assertThat(output.getOut()).contains("badge [EMPLOYEE_ID_1] was used").doesNotContain("204518");
  }

  @Test
  void aCustomPatternStillMasksEvenTheStackTraceLogbackAppendsToIt(CapturedOutput output) {
    context = start("--logging.pattern.console=CUSTOM %level %msg%n");

    log.info("write to jane.doe@example.com");
    log.error("failed", new IllegalStateException("no account for +1 415 555 2671"));

    assertThat(output.getOut())
        .contains("CUSTOM INFO write to [EMAIL_1]")
        .contains("IllegalStateException: no account for [PHONE_1]")
        .doesNotContain("555 2671");
  }

  @Test
  void leavesTheDefaultLinePrefixIntact(CapturedOutput output) {
    context = start();

    log.info("ordinary line");

    String line =
        output.getOut().lines().filter(l -> l.endsWith("ordinary line")).findFirst().orElseThrow();
    assertThat(line)
        .matches(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\S* +INFO \\d+ --- \\[.*\\] .*"
                + "MaskedLoggingTest +: ordinary line");
  }

  private static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).run(args);
  }

  @Configuration(proxyBeanMethods = false)
  static class Empty {}
}
