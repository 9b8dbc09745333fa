package dev.steward.api.observability;

/** A gauge whose values are read from Elasticsearch now and then, not at each scrape. */
interface StoredStateGauge {

  /** Reads the current values; throws when Elasticsearch cannot answer (the old values stay). */
  void refresh();
}
