package dev.steward.observability.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's pattern layout formatting a {@link MaskedLoggingEvent}: whatever the pattern (Spring
 * Boot's, {@code logging.pattern.console}, one without an exception word, to which Logback appends
 * the stack trace itself), messages and exception messages come out masked of personal data.
 */
public class PiiMaskingPatternLayout extends PatternLayout {

  @Override
  public String doLayout(ILoggingEvent event) {
    return super.doLayout(new MaskedLoggingEvent(event));
  }
}
