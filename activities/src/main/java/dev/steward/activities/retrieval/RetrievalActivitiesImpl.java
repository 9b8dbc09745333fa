package dev.steward.activities.retrieval;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.steward.store.chunk.ChunkIndex;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.PassageRef;
import dev.steward.workflows.task.RetrievalActivities;
import dev.steward.workflows.task.TaskStepTypes.RetrievalRequest;
import dev.steward.workflows.task.TaskStepTypes.RetrievalResult;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import org.springframework.stereotype.Component;

/** Hybrid retrieval: BM25 and kNN, both filtered to the task's tenant, fused by RRF. */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class RetrievalActivitiesImpl implements RetrievalActivities {

  /** How many candidates each retriever contributes before fusion. */
  private static final int CANDIDATES_PER_RETRIEVER = 20;

  private final TaskTypeRegistry taskTypes;
  private final ChunkIndex chunks;
  private final EmbeddingModel embeddings;

  public RetrievalActivitiesImpl(
      TaskTypeRegistry taskTypes, ChunkIndex chunks, EmbeddingModel embeddings) {
    this.taskTypes = taskTypes;
    this.chunks = chunks;
    this.embeddings = embeddings;
  }

  @Override
  public RetrievalResult retrievePassages(RetrievalRequest request) {
    TaskTypeDefinition type = taskTypes.get(request.taskType());
    String query = type.retrieval().queryText(request.input());
    if (query.isBlank()) {
      return new RetrievalResult(List.of());
    }
    var text = chunks.searchText(request.tenant(), query, CANDIDATES_PER_RETRIEVER);
    float[] vector = embeddings.embed(query).content().vector();
    var knn = chunks.searchVector(request.tenant(), vector, CANDIDATES_PER_RETRIEVER);
    List<PassageRef> passages =
        ReciprocalRankFusion.fuse(
                text, knn, ReciprocalRankFusion.DEFAULT_K, type.retrieval().topK())
            .stream()
            .map(f ->
                new PassageRef(
                    f.chunk().chunkId(),
                    f.chunk().documentId(),
                    f.chunk().title(),
                    f.chunk().position(),
                    f.score()))
            .toList();
    return new RetrievalResult(passages);
  }
}
