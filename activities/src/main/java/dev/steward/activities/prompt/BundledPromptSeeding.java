package dev.steward.activities.prompt;

import dev.steward.store.prompt.PromptRegistry;
import dev.steward.store.prompt.PromptRegistry.PromptSeed;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Stores each task type's bundled prompt in the registry when the worker starts (see {@link
 * PromptRegistry#seed}), so tasks resolve it; a changed bundled template that reuses a stored
 * version number stops the worker here rather than drafting with a different text.
 */
@Component("workerPromptSeeding")
public class BundledPromptSeeding implements ApplicationRunner {

  private final TaskTypeRegistry taskTypes;
  private final PromptRegistry prompts;

  public BundledPromptSeeding(TaskTypeRegistry taskTypes, PromptRegistry prompts) {
    this.taskTypes = taskTypes;
    this.prompts = prompts;
  }

  @Override
  public void run(ApplicationArguments args) {
    prompts.createIndices();
    taskTypes.all().forEach(type -> prompts.seed(seedOf(type)));
  }

  static PromptSeed seedOf(TaskTypeDefinition type) {
    TaskTypeDefinition.Prompt prompt = type.prompt();
    return new PromptSeed(prompt.id(), prompt.version(), prompt.system(), prompt.user());
  }
}
