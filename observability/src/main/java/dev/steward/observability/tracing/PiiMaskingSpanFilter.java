package dev.steward.observability.tracing;

import dev.steward.observability.logging.LogRedaction;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks personal data in every span before it is exported, with the rules logs use: attribute
 * values (an exception message, a URL) pass through {@link LogRedaction}. Event attributes cannot
 * be read here, so events keep their names and lose their attributes: an error event's message and
 * stack trace may quote input, and the masked log line of the same error keeps them.
 */
public final class PiiMaskingSpanFilter implements SpanFilter {

  @Override
  public FinishedSpan map(FinishedSpan span) {
    Map<String, String> tags = span.getTags();
    if (!tags.isEmpty()) {
      Map<String, String> masked = new LinkedHashMap<>();
      tags.forEach((key, value) -> masked.put(key, LogRedaction.mask(value)));
      span.setTags(masked);
    }
    if (!span.getEvents().isEmpty()) {
      List<Map.Entry<Long, String>> names = new ArrayList<>(span.getEvents());
      span.setEvents(names);
    }
    return span;
  }
}
