package dev.steward.bench.eval;

import dev.steward.store.prompt.PromptLabel;
import dev.steward.store.prompt.PromptRegistry;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The prompt version a variant drafts a task type's items with, from the prompt registry: the
 * variant's version or label when it names the type's prompt, else the type's {@code production}
 * label (as a new task would get). Resolved once per run, so a label moved meanwhile changes
 * nothing.
 */
final class VariantPrompts {

  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private final PromptRegistry registry;
  private final Map<String, PromptRef> resolved = new ConcurrentHashMap<>();

  VariantPrompts(PromptRegistry registry) {
    this.registry = registry;
  }

  /**
   * The version to pin; null when the registry has no {@code production} label for the prompt (then
   * the type's bundled template renders, as for runs from before pinning).
   *
   * @throws IllegalArgumentException when the variant names a version or label that does not exist
   */
  PromptRef resolve(Variant variant, TaskTypeDefinition type) {
    String promptId = type.prompt().id();
    boolean own = promptId.equals(variant.promptId());
    String selector =
        own && variant.promptSelector() != null ? variant.promptSelector() : PromptLabel.PRODUCTION;
    return resolved.computeIfAbsent(promptId + "@" + selector, k -> lookUp(promptId, selector));
  }

  private PromptRef lookUp(String promptId, String selector) {
    if (NUMBER.matcher(selector).matches()) {
      int version = Integer.parseInt(selector);
      registry
          .versions()
          .find(promptId, version)
          .orElseThrow(() ->
              new IllegalArgumentException(
                  "prompt " + promptId + "@" + version + " is not in the prompt registry"));
      return new PromptRef(promptId, version, null);
    }
    return registry
        .labels()
        .find(promptId, selector)
        .map(label -> new PromptRef(promptId, label.version(), selector))
        .orElseGet(() -> {
          if (PromptLabel.PRODUCTION.equals(selector)) {
            return null;
          }
          throw new IllegalArgumentException(
              "prompt " + promptId + " has no label '" + selector + "'");
        });
  }
}
