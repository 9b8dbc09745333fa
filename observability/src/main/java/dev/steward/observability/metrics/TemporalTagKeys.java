package dev.steward.observability.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;

/**
 * Gives every Temporal SDK meter the tag keys that only some calls carry, with the value {@code
 * none}, as the SDK itself does for its older tags. Prometheus needs one set of tag keys per meter
 * name: without this, the first Update ({@code update_name=decide}) cannot register its {@code
 * temporal_long_request_latency} and the registry drops it with a warning.
 */
public final class TemporalTagKeys implements MeterFilter {

  static final List<String> SOMETIMES_PRESENT = List.of("update_name");

  @Override
  public Meter.Id map(Meter.Id id) {
    if (!id.getName().startsWith("temporal_")) {
      return id;
    }
    Meter.Id mapped = id;
    for (String key : SOMETIMES_PRESENT) {
      if (mapped.getTag(key) == null) {
        mapped = mapped.withTag(Tag.of(key, "none"));
      }
    }
    return mapped;
  }
}
