package dev.steward.observability.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event as a layout should see it: its message, the messages of its exception chain and
 * its key-value pairs masked of personal data. The rest (time, level, thread, logger, MDC, stack
 * frames) is the application's own and passes unchanged.
 */
final class MaskedLoggingEvent implements ILoggingEvent {

  private final ILoggingEvent event;
  private String message;

  MaskedLoggingEvent(ILoggingEvent event) {
    this.event = event;
  }

  @Override
  public String getFormattedMessage() {
    if (message == null) {
      message = LogRedaction.mask(event.getFormattedMessage());
    }
    return message;
  }

  /** The masked formatted message: the raw pattern's arguments may be what needs masking. */
  @Override
  public String getMessage() {
    return getFormattedMessage();
  }

  @Override
  public Object[] getArgumentArray() {
    return null;
  }

  @Override
  public IThrowableProxy getThrowableProxy() {
    return MaskedThrowableProxy.of(event.getThrowableProxy());
  }

  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    return pairs == null
        ? null
        : pairs.stream()
            .map(p -> new KeyValuePair(p.key, LogRedaction.mask(String.valueOf(p.value))))
            .toList();
  }

  @Override
  public String getThreadName() {
    return event.getThreadName();
  }

  @Override
  public Level getLevel() {
    return event.getLevel();
  }

  @Override
  public String getLoggerName() {
    return event.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return event.getLoggerContextVO();
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return event.getCallerData();
  }

  @Override
  public boolean hasCallerData() {
    return event.hasCallerData();
  }

  @Override
  public Marker getMarker() {
    return event.getMarker();
  }

  @Override
  public List<Marker> getMarkerList() {
    return event.getMarkerList();
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    return event.getMDCPropertyMap();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Map<String, String> getMdc() {
    return event.getMdc();
  }

  @Override
  public long getTimeStamp() {
    return event.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return event.getNanoseconds();
  }

  @Override
  public Instant getInstant() {
    return event.getInstant();
  }

  @Override
  public long getSequenceNumber() {
    return event.getSequenceNumber();
  }

  @Override
  public void prepareForDeferredProcessing() {
    event.prepareForDeferredProcessing();
  }
}
