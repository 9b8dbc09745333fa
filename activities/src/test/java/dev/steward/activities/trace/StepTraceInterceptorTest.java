package dev.steward.activities.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.steward.workflows.task.TaskStepTypes.ScreenRequest;
import dev.steward.workflows.task.TaskStepTypes.ScreenVerdict;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor.ActivityInput;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor.ActivityOutput;
import io.temporal.common.interceptors.Header;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StepTraceInterceptorTest {

  private final List<TraceRecord> received = new CopyOnWriteArrayList<>();
  private final TracePipeline pipeline =
      new TracePipeline(new StepTraceExtractor(t -> t, t -> null), List.of(received::add));

  @AfterEach
  void stop() throws InterruptedException {
    pipeline.destroy();
  }

  @Test
  void namesComeFromTheWorkflowAndActivityInterfaces() {
    assertThat(StepTraceInterceptor.TASK_WORKFLOW_TYPE).isEqualTo("StewardTask");
    assertThat(StepTraceInterceptor.DECIDE_UPDATE).isEqualTo("decide");
    assertThat(StepTraceInterceptor.UNTRACED_ACTIVITIES).containsExactly("RecordTaskState");
  }

  @Test
  void tracesATaskStepAndReturnsItsResultUnchanged() throws Exception {
    ScreenVerdict verdict = new ScreenVerdict(true, "ok", List.of());
    ActivityInboundCallsInterceptor traced =
        intercept("StewardTask", "ScreenInput", input -> new ActivityOutput(verdict));

    ActivityOutput out = traced.execute(input(new ScreenRequest("acme.t1", "acme", "x", Map.of())));

    assertThat(out.getResult()).isSameAs(verdict);
    TraceRecord r = awaitOne();
    assertThat(r.taskId()).isEqualTo("acme.t1");
    assertThat(r.runId()).isEqualTo("run-1");
    assertThat(r.step()).isEqualTo("ScreenInput");
    assertThat(r.attempt()).isEqualTo(3);
    assertThat(r.tenant()).isEqualTo("acme");
    assertThat(r.verdicts()).containsEntry("allowed", "true");
  }

  @Test
  void rethrowsTheStepsExceptionAndTracesIt() throws Exception {
    IllegalStateException failure = new IllegalStateException("search down");
    ActivityInboundCallsInterceptor traced =
        intercept(
            "StewardTask",
            "RetrievePassages",
            input -> {
              throw failure;
            });

    assertThatThrownBy(() -> traced.execute(input(null))).isSameAs(failure);

    TraceRecord r = awaitOne();
    assertThat(r.outcome()).isEqualTo(TraceRecord.Outcome.ERROR);
    assertThat(r.error()).isEqualTo("IllegalStateException: search down");
  }

  @Test
  void leavesOtherWorkflowsAndTheReadModelWriteUntraced() throws Exception {
    intercept("StewardIngestion", "EmbedChunks", input -> new ActivityOutput(null))
        .execute(input(null));
    intercept("StewardTask", "RecordTaskState", input -> new ActivityOutput(null))
        .execute(input(null));

    Thread.sleep(300);
    assertThat(received).isEmpty();
  }

  private ActivityInboundCallsInterceptor intercept(
      String workflowType, String activityType, Step step) {
    pipeline.afterPropertiesSet();
    ActivityInfo info = mock(ActivityInfo.class);
    when(info.getWorkflowType()).thenReturn(workflowType);
    when(info.getActivityType()).thenReturn(activityType);
    when(info.getWorkflowId()).thenReturn("acme.t1");
    when(info.getRunId()).thenReturn("run-1");
    when(info.getAttempt()).thenReturn(3);
    ActivityExecutionContext context = mock(ActivityExecutionContext.class);
    when(context.getInfo()).thenReturn(info);
    ActivityInboundCallsInterceptor next =
        new ActivityInboundCallsInterceptor() {
          @Override
          public void init(ActivityExecutionContext c) {}

          @Override
          public ActivityOutput execute(ActivityInput input) {
            return step.run(input);
          }
        };
    ActivityInboundCallsInterceptor traced =
        new StepTraceInterceptor(pipeline).interceptActivity(next);
    traced.init(context);
    return traced;
  }

  private static ActivityInput input(Object request) {
    return new ActivityInput(Header.empty(), new Object[] {request});
  }

  private TraceRecord awaitOne() throws InterruptedException {
    for (int i = 0; i < 100 && received.isEmpty(); i++) {
      Thread.sleep(20);
    }
    assertThat(received).hasSize(1);
    return received.getFirst();
  }

  interface Step {
    ActivityOutput run(ActivityInput input);
  }
}
