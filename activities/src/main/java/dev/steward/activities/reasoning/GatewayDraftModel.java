package dev.steward.activities.reasoning;

import dev.steward.activities.model.ModelCallContext;
import dev.steward.activities.model.ModelGateway;
import dev.steward.activities.model.PaidCall;
import dev.steward.activities.model.ProvidersConfigured;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Drafts with a configured provider's language model, through the task's fallback chain. Replaces
 * the offline model whenever a provider is configured.
 */
@Primary
@Component
@Conditional(ProvidersConfigured.class)
public class GatewayDraftModel implements DraftModel {

  private final ModelGateway gateway;

  public GatewayDraftModel(ModelGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public Draft draft(DraftContext context) {
    ModelGateway.Reply reply =
        gateway.call(
            new ModelGateway.Request(
                new ModelCallContext(
                    context.tenant(),
                    context.type().name(),
                    ModelCallContext.REASON,
                    context.modelTier()),
                context.prompt().system(),
                context.prompt().user(),
                context.spentUsd(),
                context.maxCostUsd(),
                null));
    PaidCall call = reply.call();
    return new Draft(
        reply.json(),
        call.target().provider(),
        call.target().model(),
        reply.rawText(),
        call,
        reply.discarded());
  }
}
