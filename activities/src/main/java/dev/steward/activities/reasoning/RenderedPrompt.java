package dev.steward.activities.reasoning;

/**
 * The system and user messages of one model call, after template variables are filled in.
 *
 * @param label the label that resolved the version ({@code production}, {@code canary}); null for a
 *     run that was never pinned and used its task type's bundled template
 */
public record RenderedPrompt(
    String promptId, int version, String label, String system, String user) {

  public String fullText() {
    return system + "\n\n" + user;
  }
}
