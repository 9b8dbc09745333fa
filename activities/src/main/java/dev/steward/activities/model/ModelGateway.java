package dev.steward.activities.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.steward.activities.model.ModelFailure.Kind;
import dev.steward.activities.model.ModelMetrics.Outcome;
import dev.steward.workflows.task.BudgetExceededException;
import dev.steward.workflows.task.ModelRequestRejectedException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one structured (JSON) request through a fallback chain, within one activity attempt.
 *
 * <ul>
 *   <li>A 429 whose Retry-After is within the cap is waited out once, else the next model.
 *   <li>Timeouts, 5xx, unreachable servers, malformed JSON and streams that fall short: the next
 *       model. When the whole chain failed like that, a retryable failure lets Temporal retry the
 *       activity.
 *   <li>Authentication and invalid requests: {@link ModelRequestRejectedException} at once.
 *   <li>A prompt too long for a model: the next model with a larger context, else rejected.
 *   <li>Before each call, the cost estimate must fit the remaining budget; if no model's does,
 *       {@link BudgetExceededException} and no request is sent.
 * </ul>
 *
 * Once a model has answered usably, no later model is called.
 */
public class ModelGateway {

  /** Retryable failure type for Temporal when every model of the chain failed transiently. */
  public static final String CHAIN_UNAVAILABLE = "ModelChainUnavailable";

  /** Repairs of malformed output for models without a JSON mode, per model. */
  static final int MAX_REPAIRS = 1;

  private static final Logger log = LoggerFactory.getLogger(ModelGateway.class);

  private static final String JSON_INSTRUCTION =
      "\n\nReply with a single JSON object only: no prose before or after it, no code fence.";

  private final ModelRouter router;
  private final ChatModelFactory models;
  private final CostCalculator costs;
  private final TokenCountEstimator tokens;
  private final ModelMetrics metrics;
  private final Duration retryAfterCap;

  public ModelGateway(
      ModelRouter router,
      ChatModelFactory models,
      CostCalculator costs,
      TokenCountEstimator tokens,
      ModelMetrics metrics,
      Duration retryAfterCap) {
    this.router = router;
    this.models = models;
    this.costs = costs;
    this.tokens = tokens;
    this.metrics = metrics;
    this.retryAfterCap = retryAfterCap;
  }

  /**
   * One structured request.
   *
   * @param spentUsd what the task has spent so far
   * @param maxCostUsd the task's cost ceiling; 0 or less means none
   * @param check returns why a parsed reply is unusable, or null when it is fine
   */
  public record Request(
      ModelCallContext context,
      String system,
      String user,
      double spentUsd,
      double maxCostUsd,
      Function<Map<String, Object>, String> check) {}

  /**
   * The answer: its JSON object, the call that produced it, and the paid calls before it whose
   * output was unusable.
   */
  public record Reply(
      Map<String, Object> json, String rawText, PaidCall call, List<PaidCall> discarded) {}

  public Reply call(Request request) {
    ModelCallContext context = request.context();
    List<ModelTarget> chain = router.chain(context.taskType(), context.step(), context.tier());
    String system = request.system() + JSON_INSTRUCTION;
    int promptEstimate = tokens.estimateTokenCountInText(system + "\n\n" + request.user());

    List<PaidCall> discarded = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    boolean transientFailure = false;
    boolean contextTooLong = false;
    boolean overBudget = false;
    Duration longestRetryAfter = null;
    int contextFloor = 0;

    for (ModelTarget target : chain) {
      if (contextFloor > 0 && target.maxContextTokens() <= contextFloor) {
        failures.add(target.id() + ": skipped, context not larger than " + contextFloor);
        continue;
      }
      if (target.maxContextTokens() > 0
          && promptEstimate + target.maxOutputTokens() > target.maxContextTokens()) {
        contextTooLong = true;
        failures.add(
            target.id()
                + ": skipped, ~"
                + promptEstimate
                + " prompt tokens + "
                + target.maxOutputTokens()
                + " output do not fit its "
                + target.maxContextTokens());
        continue;
      }
      double spent = request.spentUsd() + discarded.stream().mapToDouble(PaidCall::costUsd).sum();
      double estimate = costs.cost(target.model(), promptEstimate, target.maxOutputTokens());
      if (request.maxCostUsd() > 0 && spent + estimate > request.maxCostUsd()) {
        overBudget = true;
        failures.add(
            String.format(
                Locale.ROOT,
                "%s: skipped, estimated $%.6f with $%.6f spent exceeds the budget of $%.6f",
                target.id(),
                estimate,
                spent,
                request.maxCostUsd()));
        continue;
      }

      Attempt attempt = attempt(target, request, system, promptEstimate, discarded);
      if (attempt.reply() != null) {
        return attempt.reply();
      }
      ModelFailure failure = attempt.failure();
      failures.add(target.id() + ": " + failure.describe());
      log.warn("model {} failed for {}: {}", target.id(), context, failure.describe());
      switch (failure.kind()) {
        case REJECTED ->
            throw new ModelRequestRejectedException(
                target.id() + " rejected the request: " + failure.reason(), attempt.error());
        case CONTEXT_TOO_LONG -> {
          contextTooLong = true;
          contextFloor =
              Math.max(
                  contextFloor,
                  target.maxContextTokens() > 0 ? target.maxContextTokens() : promptEstimate);
        }
        case RATE_LIMITED, TRANSIENT, MALFORMED_OUTPUT -> {
          transientFailure = true;
          if (failure.retryAfter() != null
              && (longestRetryAfter == null
                  || failure.retryAfter().compareTo(longestRetryAfter) > 0)) {
            longestRetryAfter = failure.retryAfter();
          }
        }
      }
    }

    String summary = String.join("; ", failures);
    if (transientFailure) {
      String message = "every model of the chain failed, to be retried: " + summary;
      throw longestRetryAfter == null
          ? ApplicationFailure.newFailure(message, CHAIN_UNAVAILABLE)
          : ApplicationFailure.newFailureWithCauseAndDelay(
              message, CHAIN_UNAVAILABLE, null, longestRetryAfter);
    }
    if (contextTooLong) {
      throw new ModelRequestRejectedException(
          "the prompt (~" + promptEstimate + " tokens) fits no model of the chain: " + summary,
          null);
    }
    if (overBudget) {
      throw new BudgetExceededException("no model call fits the remaining budget: " + summary);
    }
    throw new IllegalStateException("empty model chain for " + context);
  }

  private record Attempt(Reply reply, ModelFailure failure, Throwable error) {}

  /** One model: a short Retry-After waited out once, a malformed reply repaired when allowed. */
  private Attempt attempt(
      ModelTarget target,
      Request request,
      String system,
      int promptEstimate,
      List<PaidCall> discarded) {
    ModelCallContext context = request.context();
    List<ChatMessage> conversation = new ArrayList<>();
    conversation.add(SystemMessage.from(system));
    conversation.add(UserMessage.from(request.user()));
    boolean waited = false;
    int repairs = 0;
    while (true) {
      ChatRequest.Builder chat =
          ChatRequest.builder().messages(conversation).maxOutputTokens(target.maxOutputTokens());
      if (target.jsonMode()) {
        chat.responseFormat(ResponseFormat.JSON);
      }
      long started = System.nanoTime();
      ChatResponse response;
      try {
        response = models.model(target).chat(chat.build());
      } catch (RuntimeException e) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        IncompleteStreamException incomplete =
            ModelFailure.find(e, IncompleteStreamException.class);
        if (incomplete != null) {
          // The provider generated, and bills, what it sent before the stream fell short; no
          // usage chunk came, so the tokens are estimated. A repair could not help: next model.
          PaidCall paid = paid(target, null, promptEstimate, incomplete.partialText(), millis);
          metrics.usage(
              context, target, paid.promptTokens(), paid.completionTokens(), paid.costUsd());
          metrics.call(context, target, Outcome.FALLBACK, millis);
          discarded.add(paid);
          return new Attempt(null, ModelFailure.of(incomplete), e);
        }
        ModelFailure failure = ModelFailure.of(e);
        Duration wait = failure.retryAfter();
        boolean waitable =
            failure.kind() == Kind.RATE_LIMITED
                && !waited
                && wait != null
                && wait.compareTo(retryAfterCap) <= 0;
        metrics.call(
            context,
            target,
            failure.kind() == Kind.REJECTED ? Outcome.ERROR : Outcome.FALLBACK,
            millis);
        if (waitable) {
          log.info("model {} rate limited; waiting {} as asked", target.id(), wait);
          sleep(wait);
          waited = true;
          continue;
        }
        return new Attempt(null, failure, e);
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      String text = response.aiMessage() == null ? null : response.aiMessage().text();
      PaidCall paid = paid(target, response.tokenUsage(), promptEstimate, text, millis);
      metrics.usage(context, target, paid.promptTokens(), paid.completionTokens(), paid.costUsd());
      try {
        Map<String, Object> json = JsonReply.parseObject(text);
        String problem = request.check() == null ? null : request.check().apply(json);
        if (problem != null) {
          throw new MalformedOutputException(problem);
        }
        metrics.call(context, target, Outcome.OK, millis);
        return new Attempt(new Reply(json, text, paid, List.copyOf(discarded)), null, null);
      } catch (MalformedOutputException e) {
        metrics.call(context, target, Outcome.FALLBACK, millis);
        discarded.add(paid);
        if (!target.jsonMode() && repairs < MAX_REPAIRS) {
          repairs++;
          conversation.add(AiMessage.from(text == null ? "" : text));
          conversation.add(
              UserMessage.from(
                  "Your reply could not be used: "
                      + e.getMessage()
                      + ". Reply again with only the complete JSON object."));
          continue;
        }
        return new Attempt(null, ModelFailure.malformed(e.getMessage()), e);
      }
    }
  }

  /** Tokens as the provider counted them; a server that reports none gets WordPiece counts. */
  private PaidCall paid(
      ModelTarget target, TokenUsage usage, int promptEstimate, String text, long millis) {
    int prompt =
        usage != null && usage.inputTokenCount() != null ? usage.inputTokenCount() : promptEstimate;
    int completion =
        usage != null && usage.outputTokenCount() != null
            ? usage.outputTokenCount()
            : (text == null ? 0 : tokens.estimateTokenCountInText(text));
    return new PaidCall(
        target, prompt, completion, costs.cost(target.model(), prompt, completion), millis);
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting out a rate limit", e);
    }
  }
}
