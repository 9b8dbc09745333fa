package dev.steward.activities.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.activities.trace.TraceRecord;
import dev.steward.activities.trace.TraceRecord.Kind;
import dev.steward.activities.trace.TraceRecord.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTraceSinkTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MetricsTraceSink sink = new MetricsTraceSink(registry);

  @Test
  void countsTokensAndCostByTaskTypeStepModelAndTenant() {
    sink.record(draft("acme", 1200, 80, 0.0031, 900));
    sink.record(draft("acme", 1000, 20, 0.0019, 700));
    sink.record(draft("globex", 500, 10, 0.001, 400));

    Counter prompt =
        registry
            .find("steward.step.tokens")
            .tags(
                "task_type", "support-answer",
                "step", "DraftOutput",
                "model", "gpt-4o-mini",
                "tenant", "acme",
                "type", "prompt")
            .counter();
    assertThat(prompt.count()).isEqualTo(2200);
    assertThat(
            registry
                .get("steward.step.tokens")
                .tags("tenant", "acme", "type", "completion")
                .counter()
                .count())
        .isEqualTo(100);
    assertThat(registry.get("steward.step.cost").tags("tenant", "acme").counter().count())
        .isEqualTo(0.005, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(registry.get("steward.step.cost").tags("tenant", "globex").counter().count())
        .isEqualTo(0.001, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void timesEveryStepWithAPercentileHistogram() {
    List<DistributionStatisticConfig> latencyConfigs = new ArrayList<>();
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("steward.step.latency")) {
                  latencyConfigs.add(config);
                }
                return config;
              }
            });

    sink.record(step("ScreenInput", 12, Outcome.OK, Map.of()));
    sink.record(step("ScreenInput", 30, Outcome.OK, Map.of()));
    sink.record(draft("acme", 10, 10, 0, 2500));

    Timer screen = registry.get("steward.step.latency").tags("step", "ScreenInput").timer();
    assertThat(screen.count()).isEqualTo(2);
    assertThat(screen.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(42);
    assertThat(latencyConfigs)
        .as("buckets for histogram_quantile, up to the longest step")
        .allSatisfy(c -> {
          assertThat(c.isPercentileHistogram()).isTrue();
          assertThat(c.getMaximumExpectedValueAsDouble())
              .isGreaterThanOrEqualTo(Duration.ofMinutes(5).toNanos());
        });
    assertThat(registry.get("steward.step.latency").tags("step", "DraftOutput").timer().count())
        .isEqualTo(1);
  }

  @Test
  void countsValidationVerdictsByPromptVersionSoThatRatesAreRatios() {
    sink.record(validation("true", "true", 1));
    sink.record(validation("false", "true", 1));
    sink.record(validation("true", "false", 1));
    sink.record(validation("true", "true", 2));

    double v1 =
        registry.find("steward.validations").tags("prompt", "support-answer@1").counters().stream()
            .mapToDouble(Counter::count)
            .sum();
    assertThat(v1).isEqualTo(3);
    assertThat(
            registry
                .get("steward.validations")
                .tags("prompt", "support-answer@1", "valid", "false")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("steward.validations")
                .tags("prompt", "support-answer@1", "grounded", "false")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("steward.validations")
                .tags("prompt", "support-answer@2", "valid", "true", "grounded", "true")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void countsErrorsByStepAndRecordsNoUsageForThem() {
    TraceRecord failed =
        record(
            Kind.STEP,
            "DraftOutput",
            "acme",
            "gpt-4o-mini",
            500,
            0,
            0.001,
            3000,
            Map.of(),
            Outcome.ERROR,
            null,
            null);

    sink.record(failed);

    assertThat(registry.get("steward.step.errors").tags("step", "DraftOutput").counter().count())
        .isEqualTo(1);
    assertThat(registry.find("steward.step.tokens").meters()).isEmpty();
    assertThat(registry.get("steward.step.latency").timer().count()).isEqualTo(1);
  }

  @Test
  void stepsWithoutAModelCallCreateNoUsageMeters() {
    sink.record(step("RetrievePassages", 80, Outcome.OK, Map.of("passages", "4")));

    assertThat(registry.find("steward.step.tokens").meters()).isEmpty();
    assertThat(registry.find("steward.step.cost").meters()).isEmpty();
    assertThat(registry.find("steward.validations").meters()).isEmpty();
    assertThat(
            registry.get("steward.step.errors").tags("step", "RetrievePassages").counter().count())
        .as("registered at 0, so that error rates read 0")
        .isZero();
  }

  @Test
  void feedbackIsLeftToTheApiWhichReadsItFromTheTraceIndex() {
    sink.record(
        record(
            Kind.FEEDBACK,
            TraceRecord.FEEDBACK_STEP,
            "acme",
            null,
            0,
            0,
            0,
            0,
            Map.of("rating", "4"),
            Outcome.OK,
            4,
            "great"));

    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void tagValuesStayBoundedWhateverARecordCarries() {
    TraceRecord r =
        record(
            Kind.STEP,
            "DraftOutput",
            null,
            "a model named by a whole sentence, with spaces",
            10,
            5,
            0.0001,
            50,
            Map.of(),
            Outcome.OK,
            null,
            null);

    sink.record(r);

    Meter tokens = registry.get("steward.step.tokens").tags("type", "prompt").meter();
    assertThat(tokens.getId().getTag("tenant")).isEqualTo(MetricsTraceSink.NONE);
    assertThat(tokens.getId().getTag("model")).isEqualTo(MetricsTraceSink.OTHER);
    assertThat(MetricsTraceSink.tag("x".repeat(81))).isEqualTo(MetricsTraceSink.OTHER);
    assertThat(MetricsTraceSink.tag("jane@example.com asked")).isEqualTo(MetricsTraceSink.OTHER);
    assertThat(MetricsTraceSink.tag("support-answer@12")).isEqualTo("support-answer@12");
  }

  private static TraceRecord draft(
      String tenant, long in, long out, double cost, long latencyMillis) {
    return record(
        Kind.STEP,
        "DraftOutput",
        tenant,
        "gpt-4o-mini",
        in,
        out,
        cost,
        latencyMillis,
        Map.of(),
        Outcome.OK,
        null,
        null);
  }

  private static TraceRecord step(
      String step, long latencyMillis, Outcome outcome, Map<String, String> verdicts) {
    return record(
        Kind.STEP, step, "acme", null, 0, 0, 0, latencyMillis, verdicts, outcome, null, null);
  }

  private static TraceRecord validation(String valid, String grounded, int promptVersion) {
    return new TraceRecord(
        "id",
        Kind.STEP,
        "acme.t-1",
        "run-1",
        "acme",
        "support-answer",
        "ValidateOutput",
        1,
        null,
        "support-answer",
        promptVersion,
        "production",
        null,
        null,
        0,
        0,
        0,
        15,
        Map.of("valid", valid, "grounded", grounded, "errors", "citation x was not retrieved"),
        Outcome.OK,
        null,
        null,
        null,
        Instant.now());
  }

  private static TraceRecord record(
      Kind kind,
      String step,
      String tenant,
      String model,
      long in,
      long out,
      double cost,
      long latencyMillis,
      Map<String, String> verdicts,
      Outcome outcome,
      Integer rating,
      String comment) {
    return new TraceRecord(
        "id",
        kind,
        "acme.t-1",
        kind == Kind.STEP ? "run-1" : null,
        tenant,
        "support-answer",
        step,
        1,
        null,
        null,
        null,
        null,
        model == null ? null : "openai",
        model,
        in,
        out,
        cost,
        latencyMillis,
        verdicts,
        outcome,
        outcome == Outcome.ERROR ? "ModelUnavailableException: all models failed" : null,
        rating,
        comment,
        Instant.now());
  }
}
