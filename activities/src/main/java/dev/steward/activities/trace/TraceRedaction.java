package dev.steward.activities.trace;

import dev.steward.activities.screening.PiiRedactor;
import dev.steward.activities.screening.ScreeningProperties;
import dev.steward.store.trace.TraceTextRedactor;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The screening step's PII redaction applied to the texts a trace stores (error messages, verdict
 * texts, feedback comments), cut to a bounded length after redaction so that a cut never leaves
 * half a value unrecognised.
 */
@Component
public final class TraceRedaction implements TraceTextRedactor {

  /** Longest text a trace stores; feedback comments are limited to this length too. */
  public static final int MAX_LENGTH = 2000;

  private static final String KEY = "text";

  private final PiiRedactor redactor;

  @Autowired
  TraceRedaction(ScreeningProperties screening) {
    this(screening.pii().redactor());
  }

  public TraceRedaction(PiiRedactor redactor) {
    this.redactor = redactor;
  }

  @Override
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String redacted = (String) redactor.redact(Map.of(KEY, text)).input().get(KEY);
    return redacted.length() <= MAX_LENGTH ? redacted : redacted.substring(0, MAX_LENGTH - 1) + "…";
  }
}
