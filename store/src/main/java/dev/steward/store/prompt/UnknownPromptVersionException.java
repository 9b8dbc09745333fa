package dev.steward.store.prompt;

/** A label was to point at a version that the prompt does not have. */
public class UnknownPromptVersionException extends RuntimeException {
  public UnknownPromptVersionException(String promptId, int version) {
    super("prompt " + promptId + " has no version " + version);
  }
}
