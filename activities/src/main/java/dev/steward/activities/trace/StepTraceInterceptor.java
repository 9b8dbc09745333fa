package dev.steward.activities.trace;

import dev.steward.workflows.task.TaskRecordActivities;
import dev.steward.workflows.task.TaskRequest;
import dev.steward.workflows.task.TaskWorkflow;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import io.temporal.common.metadata.WorkflowMethodType;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Instant;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Observes every step of the task workflow (each activity attempt, and each approver's decision)
 * and hands what it saw to the {@link TracePipeline}. It never changes what a step returns or
 * throws, and adds only a queue offer to its duration. {@code steward.traces.enabled=false} turns
 * tracing off.
 */
@Component
@ConditionalOnProperty(name = "steward.traces.enabled", matchIfMissing = true)
public final class StepTraceInterceptor extends WorkerInterceptorBase {

  private static final POJOWorkflowInterfaceMetadata TASK_WORKFLOW =
      POJOWorkflowInterfaceMetadata.newInstance(TaskWorkflow.class);

  /** The workflow type whose activities are traced; ingestion and re-indexing are not tasks. */
  static final String TASK_WORKFLOW_TYPE = TASK_WORKFLOW.getWorkflowType().orElseThrow();

  /** The approvers' decision update. */
  static final String DECIDE_UPDATE =
      TASK_WORKFLOW.getMethodsMetadata().stream()
          .filter(m -> m.getType() == WorkflowMethodType.UPDATE)
          .map(POJOWorkflowMethodMetadata::getName)
          .findFirst()
          .orElseThrow();

  /** The step name a decision is traced under. */
  static final String DECIDE_STEP = "Decide";

  /**
   * Bookkeeping, not a step of the task: the read-model write runs at every state change and would
   * bury the steps in the trace.
   */
  static final Set<String> UNTRACED_ACTIVITIES =
      Set.of(
          POJOActivityInterfaceMetadata.newInstance(TaskRecordActivities.class)
              .getMethodsMetadata()
              .getFirst()
              .getActivityTypeName());

  private final TracePipeline pipeline;

  StepTraceInterceptor(TracePipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityTracing(next);
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new DecisionTracing(next);
  }

  private final class ActivityTracing extends ActivityInboundCallsInterceptorBase {

    private ActivityInfo info;

    ActivityTracing(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      info = context.getInfo();
      super.init(context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      if (info == null
          || !TASK_WORKFLOW_TYPE.equals(info.getWorkflowType())
          || UNTRACED_ACTIVITIES.contains(info.getActivityType())) {
        return super.execute(input);
      }
      Instant startedAt = Instant.now();
      long start = System.nanoTime();
      ActivityOutput output = null;
      Throwable error = null;
      try {
        output = super.execute(input);
        return output;
      } catch (RuntimeException | Error e) {
        error = e;
        throw e;
      } finally {
        observe(input, output, error, startedAt, (System.nanoTime() - start) / 1_000_000);
      }
    }

    private void observe(
        ActivityInput input,
        ActivityOutput output,
        Throwable error,
        Instant startedAt,
        long latencyMillis) {
      try {
        Object[] args = input.getArguments();
        pipeline.submit(
            new StepObservation(
                info.getWorkflowId(),
                info.getRunId(),
                info.getActivityType(),
                info.getAttempt(),
                startedAt,
                latencyMillis,
                args == null || args.length == 0 ? null : args[0],
                output == null ? null : output.getResult(),
                error,
                null));
      } catch (RuntimeException ignored) {
        // A trace is never worth failing the step it describes.
      }
    }
  }

  private final class DecisionTracing extends WorkflowInboundCallsInterceptorBase {

    private TaskRequest task;

    DecisionTracing(WorkflowInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public WorkflowOutput execute(WorkflowInput input) {
      Object[] args = input.getArguments();
      if (args != null && args.length > 0 && args[0] instanceof TaskRequest request) {
        task = request;
      }
      return super.execute(input);
    }

    @Override
    public UpdateOutput executeUpdate(UpdateInput input) {
      WorkflowInfo info = Workflow.getInfo();
      if (!DECIDE_UPDATE.equals(input.getUpdateName())
          || !TASK_WORKFLOW_TYPE.equals(info.getWorkflowType())) {
        return super.executeUpdate(input);
      }
      // Workflow time, not the clock: this runs on the workflow thread.
      long start = Workflow.currentTimeMillis();
      UpdateOutput output;
      try {
        output = super.executeUpdate(input);
      } catch (RuntimeException e) {
        observe(info, input, null, e, start);
        throw e;
      }
      observe(info, input, output, null, start);
      return output;
    }

    private void observe(
        WorkflowInfo info,
        UpdateInput input,
        UpdateOutput output,
        RuntimeException error,
        long start) {
      try {
        // A replayed decision was traced when it was first made.
        if (Workflow.isReplaying()) {
          return;
        }
        Object[] args = input.getArguments();
        pipeline.submit(
            new StepObservation(
                info.getWorkflowId(),
                info.getRunId(),
                DECIDE_STEP,
                1,
                Instant.ofEpochMilli(start),
                Workflow.currentTimeMillis() - start,
                args == null || args.length == 0 ? null : args[0],
                output == null ? null : output.getResult(),
                error,
                task));
      } catch (RuntimeException ignored) {
        // A trace is never worth failing the decision it describes.
      }
    }
  }
}
