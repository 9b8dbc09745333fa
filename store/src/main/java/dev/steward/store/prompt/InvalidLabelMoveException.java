package dev.steward.store.prompt;

/** A label move that breaks the labels' rules: a bad name, or a share where none belongs. */
public class InvalidLabelMoveException extends RuntimeException {
  public InvalidLabelMoveException(String message) {
    super(message);
  }
}
