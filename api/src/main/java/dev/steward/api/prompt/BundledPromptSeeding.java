package dev.steward.api.prompt;

import dev.steward.store.prompt.PromptRegistry;
import dev.steward.store.prompt.PromptRegistry.PromptSeed;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Stores each task type's bundled prompt in the registry when the API starts (see {@link
 * PromptRegistry#seed}): before admins add versions, the bundled one must hold its number, or a new
 * version would take it.
 */
@Component("apiPromptSeeding")
class BundledPromptSeeding implements ApplicationRunner {

  private final TaskTypeRegistry taskTypes;
  private final PromptRegistry prompts;

  BundledPromptSeeding(TaskTypeRegistry taskTypes, PromptRegistry prompts) {
    this.taskTypes = taskTypes;
    this.prompts = prompts;
  }

  @Override
  public void run(ApplicationArguments args) {
    prompts.createIndices();
    for (TaskTypeDefinition type : taskTypes.all()) {
      TaskTypeDefinition.Prompt p = type.prompt();
      prompts.seed(new PromptSeed(p.id(), p.version(), p.system(), p.user()));
    }
  }
}
