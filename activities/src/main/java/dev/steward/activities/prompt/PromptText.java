package dev.steward.activities.prompt;

import dev.steward.tasktypes.TaskTypeDefinition;

/**
 * The templates of one prompt version and how the task came to use it, ready to render.
 *
 * @param label the label that resolved the version ({@code production}, {@code canary}); null for
 *     the bundled template of a run that was never pinned
 */
public record PromptText(String id, int version, String label, String system, String user) {

  /** The task type's bundled template, for runs that started before prompts were pinned. */
  public static PromptText bundled(TaskTypeDefinition type) {
    TaskTypeDefinition.Prompt prompt = type.prompt();
    return new PromptText(prompt.id(), prompt.version(), null, prompt.system(), prompt.user());
  }
}
