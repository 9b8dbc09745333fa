package dev.steward.activities.retrieval;

import dev.steward.retrieval.HybridSearch;
import dev.steward.retrieval.SearchQuery;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.PassageRef;
import dev.steward.workflows.task.RetrievalActivities;
import dev.steward.workflows.task.TaskStepTypes.RetrievalRequest;
import dev.steward.workflows.task.TaskStepTypes.RetrievalResult;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.spring.boot.ActivityImpl;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The retrieval step: the task type's query fields, searched with hybrid search. */
@Component
@ActivityImpl(taskQueues = TaskWorkflow.TASK_QUEUE)
public class RetrievalActivitiesImpl implements RetrievalActivities {

  private final TaskTypeRegistry taskTypes;
  private final HybridSearch search;

  public RetrievalActivitiesImpl(TaskTypeRegistry taskTypes, HybridSearch search) {
    this.taskTypes = taskTypes;
    this.search = search;
  }

  @Override
  public RetrievalResult retrievePassages(RetrievalRequest request) {
    TaskTypeDefinition.Retrieval settings = taskTypes.get(request.taskType()).retrieval();
    var query =
        new SearchQuery(
            request.tenant(),
            settings.queryText(request.input()),
            settings.topK(),
            settings.tokenBudget(),
            Map.of());
    List<PassageRef> passages =
        search.search(query).stream()
            .map(p ->
                new PassageRef(
                    p.chunk().chunkId(),
                    p.chunk().documentId(),
                    p.chunk().title(),
                    p.chunk().position(),
                    p.score()))
            .toList();
    return new RetrievalResult(passages);
  }
}
