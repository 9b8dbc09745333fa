package dev.steward.activities.prompt;

import dev.steward.store.StoreUnavailableException;
import dev.steward.store.prompt.PromptLabel;
import dev.steward.store.prompt.PromptRegistry;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.PromptActivities;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import dev.steward.workflows.task.PromptTypes.PromptRequest;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Resolves a new task's prompt version from the labels as they are now: the canary's version for
 * the share of task ids it takes ({@link CanarySplit}), its base label's ({@code production}) for
 * the others. The workflow records the answer, so later label moves leave the task alone.
 */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class PromptActivitiesImpl implements PromptActivities {

  /** The label of a version chosen without the registry: the task type's bundled prompt. */
  public static final String BUNDLED = "bundled";

  private static final Logger log = LoggerFactory.getLogger(PromptActivitiesImpl.class);

  private final TaskTypeRegistry taskTypes;
  private final PromptRegistry prompts;

  public PromptActivitiesImpl(TaskTypeRegistry taskTypes, PromptRegistry prompts) {
    this.taskTypes = taskTypes;
    this.prompts = prompts;
  }

  @Override
  public PromptRef resolvePrompt(PromptRequest request) {
    TaskTypeDefinition type = taskTypes.get(request.taskType());
    String id = type.prompt().id();
    Map<String, PromptLabel> labels;
    try {
      labels = prompts.labels().find(id, List.of(PromptLabel.PRODUCTION, PromptLabel.CANARY));
    } catch (StoreUnavailableException e) {
      // An Elasticsearch outage must not fail tasks that can go on (a support answer proceeds
      // ungrounded): the task is pinned to the bundled version, which the registry holds with the
      // same text (versions are immutable), and the label says so.
      log.warn("prompt registry unreachable; task {} uses bundled {}", request.taskId(), id, e);
      return new PromptRef(id, type.prompt().version(), BUNDLED);
    }
    PromptLabel canary = labels.get(PromptLabel.CANARY);
    if (canary != null
        && canary.percent() != null
        && CanarySplit.takes(request.taskId(), canary.percent())) {
      return new PromptRef(id, canary.version(), PromptLabel.CANARY);
    }
    PromptLabel base = base(type, canary, labels);
    return new PromptRef(id, base.version(), base.name());
  }

  /**
   * The label of the tasks the canary does not take; production unless the canary names another.
   */
  private PromptLabel base(
      TaskTypeDefinition type, PromptLabel canary, Map<String, PromptLabel> labels) {
    String name =
        canary == null || canary.baseLabel() == null ? PromptLabel.PRODUCTION : canary.baseLabel();
    PromptLabel base =
        name.equals(PromptLabel.PRODUCTION)
            ? labels.get(name)
            : prompts.labels().find(type.prompt().id(), name).orElse(null);
    if (base != null) {
      return base;
    }
    if (!name.equals(PromptLabel.PRODUCTION)) {
      return base(type, null, labels);
    }
    // The registry was emptied since start (or another process is still seeding it): seed it now.
    return prompts.seed(BundledPromptSeeding.seedOf(type));
  }
}
