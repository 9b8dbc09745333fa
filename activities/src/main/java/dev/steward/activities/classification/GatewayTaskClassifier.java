package dev.steward.activities.classification;

import dev.steward.activities.model.ModelCallContext;
import dev.steward.activities.model.ModelGateway;
import dev.steward.activities.model.ProvidersConfigured;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.workflows.task.ClassificationTypes.ClassificationRequest;
import dev.steward.workflows.task.ClassificationTypes.Complexity;
import dev.steward.workflows.task.ClassificationTypes.Risk;
import dev.steward.workflows.task.ClassificationTypes.TaskClassification;
import dev.steward.workflows.task.TaskBudget;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/** Classifies with the {@code small} tier's language model, in JSON mode where it has one. */
@Primary
@Component
@Conditional(ProvidersConfigured.class)
public class GatewayTaskClassifier implements TaskClassifier {

  static final String TIER = "small";

  private static final String SYSTEM =
      """
      You triage business tasks before they are worked on. Judge the task below.
      "complexity" is "simple" when one policy or fact settles it, "complex" when it needs several
      policies, judgement or arithmetic, or its facts conflict.
      "risk" is "high" when a wrong answer could cost money, break a law or a contract, or harm a
      person (refunds, payments, account security, safety, legal threats); otherwise "low".
      Reply with JSON: {"complexity": "simple" or "complex", "risk": "low" or "high",
      "rationale": one short sentence}.\
      """;

  private final ModelGateway gateway;

  public GatewayTaskClassifier(ModelGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public TaskClassification classify(TaskTypeDefinition type, ClassificationRequest request) {
    String user =
        "Task type: "
            + type.name()
            + (type.description() == null ? "" : " (" + type.description() + ")")
            + "\nInput:\n"
            + TaskClassifier.describe(request);
    TaskBudget budget = type.budget();
    ModelGateway.Reply reply =
        gateway.call(
            new ModelGateway.Request(
                new ModelCallContext(
                    request.tenant(), type.name(), ModelCallContext.CLASSIFY, TIER),
                SYSTEM,
                user,
                0,
                budget == null ? 0 : budget.maxCostUsd(),
                GatewayTaskClassifier::problem));
    Map<String, Object> json = reply.json();
    return new TaskClassification(
        Complexity.valueOf(upper(json.get("complexity"))),
        Risk.valueOf(upper(json.get("risk"))),
        json.get("rationale") == null ? "" : String.valueOf(json.get("rationale")),
        reply.call().toModelCall(STEP));
  }

  /** Why a reply is unusable, or null: both labels must be one of their allowed values. */
  static String problem(Map<String, Object> json) {
    if (!isOneOf(json.get("complexity"), Complexity.values())) {
      return "\"complexity\" must be \"simple\" or \"complex\"";
    }
    if (!isOneOf(json.get("risk"), Risk.values())) {
      return "\"risk\" must be \"low\" or \"high\"";
    }
    return null;
  }

  private static boolean isOneOf(Object value, Enum<?>[] allowed) {
    if (!(value instanceof String s)) {
      return false;
    }
    for (Enum<?> e : allowed) {
      if (e.name().equalsIgnoreCase(s.strip())) {
        return true;
      }
    }
    return false;
  }

  private static String upper(Object value) {
    return String.valueOf(value).strip().toUpperCase(Locale.ROOT);
  }
}
