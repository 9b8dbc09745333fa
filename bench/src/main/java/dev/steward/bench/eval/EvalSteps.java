package dev.steward.bench.eval;

import dev.steward.store.chunk.ChunkDocument;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.prompt.PromptRegistry;
import dev.steward.tasktypes.SchemaValidator;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.PassageRef;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import dev.steward.workflows.task.ReasoningActivities;
import dev.steward.workflows.task.RetrievalActivities;
import dev.steward.workflows.task.ScreeningActivities;
import dev.steward.workflows.task.TaskStepTypes.DraftRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import dev.steward.workflows.task.TaskStepTypes.RetrievalRequest;
import dev.steward.workflows.task.TaskStepTypes.ScreenRequest;
import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import dev.steward.workflows.task.TaskStepTypes.ValidationRequest;
import dev.steward.workflows.task.TaskStepTypes.ValidationVerdict;
import dev.steward.workflows.task.ValidationActivities;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A task's steps as the harness runs them: the activity beans of a running Steward, called directly
 * (no workflow, no repairs: a variant is judged on its first draft, which is what a prompt or model
 * change alters). Screening and retrieval run once per item, so both variants get the same input
 * and passages.
 */
final class EvalSteps {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * An item ready to draft: its input as screening redacted it and the passages both variants get.
   *
   * @param blockedReason why screening refused the input; null when it was allowed
   */
  record Prepared(
      EvalItem item,
      String taskId,
      Map<String, Object> input,
      List<PassageRef> passages,
      Boolean retrievalHit,
      String blockedReason) {}

  private final ScreeningActivities screening;
  private final RetrievalActivities retrieval;
  private final ReasoningActivities reasoning;
  private final ValidationActivities validation;
  private final TaskTypeRegistry taskTypes;
  private final SchemaValidator schemas;
  private final ChunkIndex chunks;
  private final VariantPrompts prompts;

  EvalSteps(ApplicationContext context) {
    this.screening = context.getBean(ScreeningActivities.class);
    this.retrieval = context.getBean(RetrievalActivities.class);
    this.reasoning = context.getBean(ReasoningActivities.class);
    this.validation = context.getBean(ValidationActivities.class);
    this.taskTypes = context.getBean(TaskTypeRegistry.class);
    this.schemas = context.getBean(SchemaValidator.class);
    this.chunks = context.getBean(ChunkIndex.class);
    this.prompts = new VariantPrompts(context.getBean(PromptRegistry.class));
  }

  /** Fails before any model call when a variant names a prompt version that does not exist. */
  void checkPrompts(List<EvalItem> items, Variant variant) {
    items.stream()
        .map(EvalItem::taskType)
        .distinct()
        .forEach(type -> prompts.resolve(variant, taskTypes.get(type)));
  }

  /**
   * Screens the item, then retrieves its passages, or, for a recorded task, reads back the passages
   * it was given (those still in the index: the retrieval hit says whether all are).
   */
  Prepared prepare(EvalItem item, String taskId) {
    ScreenVerdict screen =
        screening.screenInput(
            new ScreenRequest(taskId, item.tenant(), item.taskType(), item.input()));
    if (!screen.allowed()) {
      return new Prepared(item, taskId, item.input(), List.of(), null, screen.reason());
    }
    Map<String, Object> input =
        screen.redactedInput() == null ? item.input() : screen.redactedInput();
    if (item.recorded()) {
      List<String> ids = item.recordedPassages().stream().map(PassageRef::chunkId).toList();
      Set<String> present =
          chunks.fetch(item.tenant(), ids).stream()
              .map(ChunkDocument::chunkId)
              .collect(Collectors.toSet());
      List<PassageRef> kept =
          item.recordedPassages().stream().filter(p -> present.contains(p.chunkId())).toList();
      return new Prepared(
          item, taskId, input, kept, kept.size() == item.recordedPassages().size(), null);
    }
    List<PassageRef> passages =
        retrieval
            .retrievePassages(new RetrievalRequest(taskId, item.tenant(), item.taskType(), input))
            .passages();
    return new Prepared(
        item,
        taskId,
        input,
        passages,
        Scoring.retrievalHit(passages, item.goldDocumentIds()),
        null);
  }

  /** One variant's first draft of a prepared item, validated and scored. */
  ItemScore draft(Prepared prepared, Variant variant) {
    EvalItem item = prepared.item();
    if (prepared.blockedReason() != null) {
      return Scoring.blocked(item.id(), prepared.blockedReason());
    }
    TaskTypeDefinition type = taskTypes.get(item.taskType());
    PromptRef prompt = prompts.resolve(variant, type);
    String promptName = prompt == null ? type.prompt().id() + "@bundled" : prompt.toString();
    String tier = variant.tier() != null ? variant.tier() : type.modelTier();
    List<String> chunkIds = prepared.passages().stream().map(PassageRef::chunkId).toList();

    // Each variant drafts as a task of its own: the model-call journal answers a second draft of
    // the same task, step and attempt with the first one's recorded answer.
    String taskId = prepared.taskId() + "-" + variant.name().toLowerCase(Locale.ROOT);
    long started = System.nanoTime();
    DraftResult draft;
    try {
      draft =
          reasoning.draftOutput(
              new DraftRequest(
                  taskId,
                  item.tenant(),
                  item.taskType(),
                  tier,
                  prepared.input(),
                  prepared.passages(),
                  1,
                  List.of(),
                  0.0,
                  0.0,
                  prompt));
    } catch (RuntimeException e) {
      return Scoring.draftFailed(
          item.id(),
          chunkIds.size(),
          prepared.retrievalHit(),
          promptName,
          (System.nanoTime() - started) / 1_000_000,
          e);
    }
    long latencyMillis = (System.nanoTime() - started) / 1_000_000;

    ValidationVerdict verdict =
        validation.validateOutput(
            new ValidationRequest(
                item.taskType(), draft.output(), chunkIds, false, item.tenant(), prepared.input()));
    List<String> schemaViolations =
        schemas.violations(type.outputSchema(), JSON.valueToTree(draft.output()));
    return Scoring.scored(
        new Scoring.Draft(
            item.id(), chunkIds, prepared.retrievalHit(), promptName, draft, latencyMillis),
        verdict,
        schemaViolations);
  }
}
