package dev.steward.activities.metrics;

import dev.steward.activities.trace.TraceRecord;
import dev.steward.activities.trace.TraceRecord.Kind;
import dev.steward.activities.trace.TraceRecord.Outcome;
import dev.steward.activities.trace.TraceSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns each step's trace record into Micrometer meters, so that what the trace index holds per
 * task can be watched as rates and percentiles:
 *
 * <ul>
 *   <li>{@code steward.step.latency}: a timer with a percentile histogram, by task type and step;
 *   <li>{@code steward.step.tokens} ({@code type=prompt|completion}) and {@code steward.step.cost}
 *       (USD), by task type, step, model and tenant, for steps that called a model;
 *   <li>{@code steward.step.errors}: attempts that threw, by task type and step;
 *   <li>{@code steward.validations}: every validation verdict by task type and prompt id@version,
 *       tagged {@code valid} and {@code grounded}, so failure and ungrounded rates are ratios of
 *       one counter.
 * </ul>
 *
 * <p>These cover every model, the offline one included; {@code steward.model.*} (the gateway's own
 * meters) add per-call outcomes and fallbacks for the providers it calls. Feedback records are not
 * counted here: the API stores feedback in the trace index itself, and the API's metrics read it
 * from there.
 */
@Component
final class MetricsTraceSink implements TraceSink {

  /** The tag value for what a record does not say. */
  static final String NONE = "none";

  /** The tag value for text that is not a bounded identifier (too long or free text). */
  static final String OTHER = "other";

  /** Step attempts span milliseconds (screening) to minutes (a slow model behind retries). */
  private static final Duration HISTOGRAM_MIN = Duration.ofMillis(5);

  private static final Duration HISTOGRAM_MAX = Duration.ofMinutes(10);

  /** Task types, steps, models, tenants and prompt ids are identifiers; anything else is not. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._@:/+-]{1,80}");

  private final MeterRegistry registry;

  @Autowired
  MetricsTraceSink(ObjectProvider<MeterRegistry> registry) {
    this(registry.getIfAvailable(() -> Metrics.globalRegistry));
  }

  MetricsTraceSink(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void record(TraceRecord r) {
    if (r.kind() != Kind.STEP) {
      return;
    }
    Tags step = Tags.of("task_type", tag(r.taskType()), "step", tag(r.step()));
    Timer.builder("steward.step.latency")
        .description("Wall-clock time of step attempts")
        .tags(step)
        .publishPercentileHistogram()
        .minimumExpectedValue(HISTOGRAM_MIN)
        .maximumExpectedValue(HISTOGRAM_MAX)
        .register(registry)
        .record(Duration.ofMillis(Math.max(0, r.latencyMillis())));
    // Registered with the first attempt of a step, so error rates read 0 rather than nothing.
    Counter errors =
        Counter.builder("steward.step.errors")
            .description("Step attempts that threw")
            .tags(step)
            .register(registry);
    if (r.outcome() == Outcome.ERROR) {
      errors.increment();
      return;
    }
    usage(r, step);
    validation(r);
  }

  private void usage(TraceRecord r, Tags step) {
    if (r.tokensIn() <= 0 && r.tokensOut() <= 0 && r.costUsd() <= 0) {
      return;
    }
    Tags tags = step.and("model", tag(r.model()), "tenant", tag(r.tenant()));
    tokens(tags, "prompt").increment(r.tokensIn());
    tokens(tags, "completion").increment(r.tokensOut());
    Counter.builder("steward.step.cost")
        .description("Cost of the model calls of steps, including discarded answers")
        .baseUnit("usd")
        .tags(tags)
        .register(registry)
        .increment(r.costUsd());
  }

  private Counter tokens(Tags tags, String type) {
    return Counter.builder("steward.step.tokens")
        .description("Tokens of the model calls of steps, including discarded answers")
        .baseUnit("tokens")
        .tags(tags.and("type", type))
        .register(registry);
  }

  private void validation(TraceRecord r) {
    String valid = r.verdicts().get("valid");
    if (valid == null) {
      return;
    }
    Counter.builder("steward.validations")
        .description("Validation verdicts on drafts, by prompt version")
        .tags(
            "task_type", tag(r.taskType()),
            "prompt", prompt(r),
            "valid", Boolean.toString(Boolean.parseBoolean(valid)),
            "grounded", Boolean.toString(Boolean.parseBoolean(r.verdicts().get("grounded"))))
        .register(registry)
        .increment();
  }

  private static String prompt(TraceRecord r) {
    if (r.promptId() == null || r.promptVersion() == null) {
      return NONE;
    }
    return tag(r.promptId() + "@" + r.promptVersion());
  }

  /** A bounded tag value: a tag per task id or per sentence would make a series per request. */
  static String tag(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    return IDENTIFIER.matcher(value).matches() ? value : OTHER;
  }
}
