package dev.steward.activities.trace;

/**
 * Where trace records go (the trace index, metrics); called off the activity's thread, so an
 * implementation may block briefly but must not assume it runs inside an activity.
 */
public interface TraceSink {

  /** Takes one record; a failure here loses this record for this sink only. */
  void record(TraceRecord r);
}
