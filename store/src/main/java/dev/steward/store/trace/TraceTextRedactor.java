package dev.steward.store.trace;

/**
 * Removes personal data from a text before it is written to the trace index: the screening step's
 * redaction, provided by the process that has it.
 */
@FunctionalInterface
public interface TraceTextRedactor {

  /** The text with e-mail addresses, phone and card numbers and the like replaced; null stays. */
  String redact(String text);
}
