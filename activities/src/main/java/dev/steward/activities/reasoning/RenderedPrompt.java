package dev.steward.activities.reasoning;

/** The system and user messages of one model call, after template variables are filled in. */
public record RenderedPrompt(String promptId, int version, String system, String user) {

  public String fullText() {
    return system + "\n\n" + user;
  }
}
