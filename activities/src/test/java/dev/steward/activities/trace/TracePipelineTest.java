package dev.steward.activities.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.task.ModelCall;
import dev.steward.workflows.task.PromptTypes.PromptRef;
import dev.steward.workflows.task.TaskStepTypes.DraftRequest;
import dev.steward.workflows.task.TaskStepTypes.DraftResult;
import dev.steward.workflows.task.TaskStepTypes.ValidationRequest;
import dev.steward.workflows.task.TaskStepTypes.ValidationVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TracePipelineTest {

  private final StepTraceExtractor extractor = new StepTraceExtractor(t -> t, t -> null);

  private static StepObservation observation(
      String runId, String step, Object request, Object result) {
    return new StepObservation(
        "acme.t1", runId, step, 1, Instant.now(), 1, request, result, null, null);
  }

  @Test
  void aFailingSinkDoesNotKeepRecordsFromTheOthers() {
    List<TraceRecord> received = new CopyOnWriteArrayList<>();
    TraceSink broken =
        r -> {
          throw new IllegalStateException("down");
        };
    TracePipeline pipeline = new TracePipeline(extractor, List.of(broken, received::add));

    pipeline.deliver(observation("run-1", "ScreenInput", null, null));

    assertThat(received).hasSize(1);
  }

  @Test
  void laterStepsOfARunCarryThePromptAndTypeEarlierStepsNamed() {
    List<TraceRecord> received = new CopyOnWriteArrayList<>();
    TracePipeline pipeline = new TracePipeline(extractor, List.of(received::add));
    DraftRequest draft =
        new DraftRequest(
            "acme.t1",
            "acme",
            "support-answer",
            "small",
            Map.of(),
            List.of(),
            1,
            List.of(),
            0,
            0,
            new PromptRef("support-answer", 4, "production"));
    ModelCall call = new ModelCall("DraftOutput", "offline", "offline", 10, 5, 0, 1);

    pipeline.deliver(observation("run-1", "DraftOutput", draft, new DraftResult(Map.of(), call)));
    pipeline.deliver(
        observation(
            "run-1",
            "ValidateOutput",
            new ValidationRequest("support-answer", Map.of(), List.of(), false),
            new ValidationVerdict(true, List.of(), true)));
    pipeline.deliver(
        observation(
            "run-2",
            "ValidateOutput",
            new ValidationRequest("support-answer", Map.of(), List.of(), false),
            new ValidationVerdict(true, List.of(), true)));

    TraceRecord validation = received.get(1);
    assertThat(validation.promptId()).isEqualTo("support-answer");
    assertThat(validation.promptVersion()).isEqualTo(4);
    assertThat(validation.tenant()).isEqualTo("acme");
    assertThat(received.get(2).promptId()).as("another run").isNull();
  }

  @Test
  void submitNeverBlocksAndCountsWhatAFullQueueDrops() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch first = new CountDownLatch(1);
    TraceSink stuck =
        r -> {
          first.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    TracePipeline pipeline = new TracePipeline(extractor, List.of(stuck));
    pipeline.afterPropertiesSet();
    try {
      pipeline.submit(observation("run-1", "ScreenInput", null, null));
      assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      for (int i = 0; i < TracePipeline.CAPACITY + 25; i++) {
        pipeline.submit(observation("run-1", "ScreenInput", null, null));
      }
      long tookMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(pipeline.dropped()).isEqualTo(25);
      assertThat(tookMillis).isLessThan(2_000);
    } finally {
      release.countDown();
      pipeline.destroy();
    }
  }
}
