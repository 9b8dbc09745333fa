package dev.steward.activities.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.steward.store.prompt.PromptLabel;
import dev.steward.store.prompt.PromptLabels;
import dev.steward.store.prompt.PromptRegistry;
import dev.steward.store.prompt.PromptRegistry.PromptSeed;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import dev.steward.workflows.task.PromptTypes.PromptRequest;
import dev.steward.workflows.task.UnknownTaskTypeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PromptActivitiesImplTest {

  private static final String PROMPT = "support-answer";

  private final PromptRegistry registry = mock(PromptRegistry.class);
  private final PromptLabels labels = mock(PromptLabels.class);
  private final Map<String, PromptLabel> stored = new HashMap<>();
  private PromptActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    when(registry.labels()).thenReturn(labels);
    when(labels.find(eq(PROMPT), anyList()))
        .thenAnswer(call -> {
          Map<String, PromptLabel> found = new HashMap<>();
          for (String name : call.<List<String>>getArgument(1)) {
            if (stored.containsKey(name)) {
              found.put(name, stored.get(name));
            }
          }
          return found;
        });
    when(labels.find(eq(PROMPT), any(String.class)))
        .thenAnswer(call -> Optional.ofNullable(stored.get(call.<String>getArgument(1))));
    activities = new PromptActivitiesImpl(TaskTypeRegistry.bundled(), registry);
  }

  @Test
  void withoutACanaryEveryTaskGetsProduction() {
    label("production", 3, null, null);

    assertThat(resolve("acme.t-1")).isEqualTo(new PromptRef(PROMPT, 3, "production"));
    assertThat(resolve("acme.t-2")).isEqualTo(new PromptRef(PROMPT, 3, "production"));
  }

  @Test
  void aCanaryTakesTheTasksInItsBucketsAndProductionTheRest() {
    label("production", 1, null, null);
    label("canary", 2, 30, "production");

    List<String> ids = IntStream.range(0, 400).mapToObj(i -> "acme.t-" + i).toList();
    for (String id : ids) {
      PromptRef expected =
          CanarySplit.bucket(id) < 30
              ? new PromptRef(PROMPT, 2, "canary")
              : new PromptRef(PROMPT, 1, "production");
      assertThat(resolve(id)).as(id).isEqualTo(expected);
    }
    long canaries = ids.stream().filter(id -> resolve(id).label().equals("canary")).count();
    assertThat(canaries).isBetween(90L, 150L);
  }

  @Test
  void aCanaryAtZeroPercentTakesNoTask() {
    label("production", 1, null, null);
    label("canary", 2, 0, "production");

    assertThat(IntStream.range(0, 200).mapToObj(i -> resolve("acme.t-" + i)))
        .allMatch(ref -> ref.equals(new PromptRef(PROMPT, 1, "production")));
  }

  @Test
  void theTasksACanaryLeavesGetItsBaseLabel() {
    label("production", 1, null, null);
    label("stable", 4, null, null);
    label("canary", 5, 50, "stable");

    String outside = firstIdInBucketAtLeast(50);
    assertThat(resolve(outside)).isEqualTo(new PromptRef(PROMPT, 4, "stable"));
  }

  @Test
  void seedsTheBundledPromptWhenTheRegistryHasNoProductionLabel() {
    when(registry.seed(any(PromptSeed.class)))
        .thenReturn(new PromptLabel(PROMPT, "production", 1, null, null, "bundled", NOW, null));

    assertThat(resolve("acme.t-1")).isEqualTo(new PromptRef(PROMPT, 1, "production"));
    verify(registry).seed(any(PromptSeed.class));
  }

  @Test
  void doesNotSeedWhenProductionExists() {
    label("production", 1, null, null);

    resolve("acme.t-1");

    verify(registry, never()).seed(any(PromptSeed.class));
  }

  @Test
  void anUnknownTaskTypeIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> activities.resolvePrompt(new PromptRequest("acme.t-1", "acme", "no-such-type")))
        .isInstanceOf(UnknownTaskTypeException.class);
  }

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private void label(String name, int version, Integer percent, String base) {
    stored.put(name, new PromptLabel(PROMPT, name, version, percent, base, "test", NOW, null));
  }

  private PromptRef resolve(String taskId) {
    return activities.resolvePrompt(new PromptRequest(taskId, "acme", "support-answer"));
  }

  private static String firstIdInBucketAtLeast(int bucket) {
    return IntStream.range(0, 1_000)
        .mapToObj(i -> "acme.t-" + i)
        .filter(id -> CanarySplit.bucket(id) >= bucket)
        .findFirst()
        .orElseThrow();
  }
}
