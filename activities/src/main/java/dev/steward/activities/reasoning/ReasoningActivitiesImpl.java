package dev.steward.activities.reasoning;

import dev.langchain4j.model.TokenCountEstimator;
import dev.steward.activities.prompt.PinnedPrompts;
import dev.steward.activities.reasoning.DraftModel.Draft;
import dev.steward.activities.reasoning.DraftModel.DraftContext;
import dev.steward.store.chunk.ChunkDocument;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.store.model.ModelCallJournal;
import dev.steward.store.model.ModelCallKey;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.ModelCall;
import dev.steward.workflows.task.PassageRef;
import dev.steward.workflows.task.ReasoningActivities;
import dev.steward.workflows.task.TaskStepTypes.DraftRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The reasoning step: loads the passages' text by id, renders the task type's prompt, asks the
 * model for a draft and accounts for its tokens: as the provider reported them and priced by the
 * price table, or, for the offline model, counted with WordPiece at no cost.
 */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class ReasoningActivitiesImpl implements ReasoningActivities {

  static final String STEP = "DraftOutput";

  private final TaskTypeRegistry taskTypes;
  private final ChunkIndex chunks;
  private final DraftModel model;
  private final TokenCountEstimator tokens;
  private final PinnedPrompts prompts;
  private final ModelCallJournal journal;

  public ReasoningActivitiesImpl(
      TaskTypeRegistry taskTypes,
      ChunkIndex chunks,
      DraftModel model,
      TokenCountEstimator tokens,
      PinnedPrompts prompts,
      ModelCallJournal journal) {
    this.taskTypes = taskTypes;
    this.chunks = chunks;
    this.model = model;
    this.tokens = tokens;
    this.prompts = prompts;
    this.journal = journal;
  }

  /** A retry after its worker died returns the answer already paid for instead of asking again. */
  @Override
  public DraftResult draftOutput(DraftRequest request) {
    return journal.once(
        new ModelCallKey(request.taskId(), STEP, request.attempt()),
        DraftResult.class,
        () -> draft(request));
  }

  private DraftResult draft(DraftRequest request) {
    TaskTypeDefinition type = taskTypes.get(request.taskType());
    List<String> ids = request.passages().stream().map(PassageRef::chunkId).toList();
    List<Passage> passages =
        chunks.fetch(request.tenant(), ids).stream().map(ReasoningActivitiesImpl::passage).toList();
    RenderedPrompt prompt =
        PromptRenderer.render(
            prompts.text(type, request.prompt()),
            type,
            request.input(),
            passages,
            request.previousErrors());
    String query = type.retrieval().queryText(request.input());

    long started = System.nanoTime();
    Draft draft =
        model.draft(
            new DraftContext(
                type,
                request.tenant(),
                request.modelTier(),
                request.input(),
                query,
                passages,
                prompt,
                request.previousErrors(),
                request.spentUsd(),
                request.maxCostUsd()));
    long latencyMillis = (System.nanoTime() - started) / 1_000_000;

    ModelCall call =
        draft.call() != null
            ? draft.call().toModelCall(STEP)
            : new ModelCall(
                STEP,
                draft.provider(),
                draft.model(),
                tokens.estimateTokenCountInText(prompt.fullText()),
                tokens.estimateTokenCountInText(draft.rawText()),
                0.0,
                latencyMillis);
    List<ModelCall> discarded = draft.discarded().stream().map(c -> c.toModelCall(STEP)).toList();
    return new DraftResult(draft.output(), call, discarded);
  }

  private static Passage passage(ChunkDocument chunk) {
    return new Passage(chunk.chunkId(), chunk.title(), chunk.text());
  }
}
