package dev.steward.store.prompt;

/**
 * A prompt version could not be stored as asked: a bundled template differs from the stored version
 * of the same number (versions are immutable), or other writers kept taking the next version
 * number.
 */
public class PromptConflictException extends RuntimeException {
  public PromptConflictException(String message) {
    super(message);
  }
}
