package dev.steward.activities.prompt;

import dev.steward.store.StoreUnavailableException;
import dev.steward.store.prompt.PromptRegistry;
import dev.steward.store.prompt.PromptVersion;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The text of the prompt version a task is pinned to. Versions never change once stored, so each is
 * read from the registry once and then kept (the most recently used {@link #MAX_CACHED}).
 */
@Component
public class PinnedPrompts {

  /** Far more versions than are in use at once; a version that falls out is read again. */
  static final int MAX_CACHED = 256;

  private final PromptRegistry registry;
  private final Map<String, PromptVersion> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PromptVersion> eldest) {
              return size() > MAX_CACHED;
            }
          });

  public PinnedPrompts(PromptRegistry registry) {
    this.registry = registry;
  }

  /**
   * The pinned version's templates, or the task type's bundled ones when {@code ref} is null (a run
   * that started before prompts were pinned).
   *
   * @throws IllegalArgumentException when the registry has no such version, which no retry mends
   */
  public PromptText text(TaskTypeDefinition type, PromptRef ref) {
    if (ref == null) {
      return PromptText.bundled(type);
    }
    String key = ref.toString();
    PromptVersion version = cache.get(key);
    if (version == null) {
      try {
        version =
            registry
                .versions()
                .find(ref.id(), ref.version())
                .orElseThrow(() ->
                    new IllegalArgumentException(
                        "prompt " + key + " is not in the prompt registry"));
      } catch (StoreUnavailableException e) {
        // The bundled version's text is the registry's (seeding refuses a changed text under the
        // same number), so an outage need not stop a task pinned to it.
        if (ref.id().equals(type.prompt().id()) && ref.version() == type.prompt().version()) {
          return new PromptText(
              ref.id(), ref.version(), ref.label(), type.prompt().system(), type.prompt().user());
        }
        throw e;
      }
      cache.put(key, version);
    }
    return new PromptText(ref.id(), ref.version(), ref.label(), version.system(), version.user());
  }
}
