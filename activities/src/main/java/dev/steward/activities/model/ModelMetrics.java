package dev.steward.activities.model;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Model usage as Micrometer meters, tagged by task type, step, model and tenant: {@code
 * steward.model.tokens} (type=prompt|completion), {@code steward.model.cost} (USD), {@code
 * steward.model.latency} and {@code steward.model.calls} (outcome=ok|fallback|error).
 */
public class ModelMetrics {

  /** How a call ended: answered, failed with the chain moving on, or failed the step. */
  public enum Outcome {
    OK("ok"),
    FALLBACK("fallback"),
    ERROR("error");

    private final String tag;

    Outcome(String tag) {
      this.tag = tag;
    }
  }

  private final MeterRegistry registry;

  public ModelMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Every call, answered or not. */
  public void call(ModelCallContext context, ModelTarget target, Outcome outcome, long millis) {
    Tags tags = tags(context, target);
    Timer.builder("steward.model.latency")
        .description("Latency of model calls")
        .tags(tags)
        .register(registry)
        .record(Duration.ofMillis(millis));
    Counter.builder("steward.model.calls")
        .description("Model calls by outcome")
        .tags(tags.and("outcome", outcome.tag))
        .register(registry)
        .increment();
  }

  /** The tokens and cost of a call that was answered (and paid for), usable or not. */
  public void usage(
      ModelCallContext context,
      ModelTarget target,
      int promptTokens,
      int completionTokens,
      double costUsd) {
    Tags tags = tags(context, target);
    tokens(tags, "prompt").increment(promptTokens);
    tokens(tags, "completion").increment(completionTokens);
    Counter.builder("steward.model.cost")
        .description("Model cost")
        .baseUnit("usd")
        .tags(tags)
        .register(registry)
        .increment(costUsd);
  }

  private Counter tokens(Tags tags, String type) {
    return Counter.builder("steward.model.tokens")
        .description("Model tokens")
        .baseUnit("tokens")
        .tags(tags.and("type", type))
        .register(registry);
  }

  private static Tags tags(ModelCallContext context, ModelTarget target) {
    return Tags.of(
        "task_type", nonNull(context.taskType()),
        "step", nonNull(context.step()),
        "model", target.id(),
        "tenant", nonNull(context.tenant()));
  }

  private static String nonNull(String s) {
    return s == null ? "none" : s;
  }
}
