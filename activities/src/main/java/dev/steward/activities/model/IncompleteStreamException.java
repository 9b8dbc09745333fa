package dev.steward.activities.model;

/**
 * A streamed reply that did not arrive whole: the connection broke, a chunk was unreadable, the
 * server went quiet, or the stream ended without its end marker. Like malformed output, the model
 * did answer (and is paid for) but the answer cannot be used.
 */
public class IncompleteStreamException extends RuntimeException {

  private final transient String partialText;

  public IncompleteStreamException(String message, Throwable cause) {
    this(message, null, cause);
  }

  public IncompleteStreamException(String message, String partialText, Throwable cause) {
    super(message, cause);
    this.partialText = partialText;
  }

  /** The text received before the stream broke; null when not known. */
  public String partialText() {
    return partialText;
  }
}
