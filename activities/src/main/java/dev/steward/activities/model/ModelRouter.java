package dev.steward.activities.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Picks the fallback chain of a model call. The most specific configuration wins: the task type's
 * chain for the step, the global chain for the step, the task type's chain for the tier, the global
 * chain for the tier.
 */
public class ModelRouter {

  private final ModelProperties properties;

  public ModelRouter(ModelProperties properties) {
    this.properties = properties;
    validate();
  }

  public List<ModelTarget> chain(String taskType, String step, String tier) {
    ModelProperties.Routes routes = properties.taskTypes().get(taskType);
    List<String> ids =
        firstNonEmpty(
            routes == null ? null : routes.steps().get(step),
            properties.steps().get(step),
            routes == null ? null : routes.tiers().get(tier),
            properties.tiers().get(tier));
    if (ids == null) {
      throw new IllegalArgumentException(
          "no model chain for task type "
              + taskType
              + ", step "
              + step
              + ", tier "
              + tier
              + ": set steward.models.tiers."
              + tier);
    }
    return ids.stream().map(this::resolve).toList();
  }

  private ModelTarget resolve(String id) {
    int slash = id.indexOf('/');
    if (slash <= 0 || slash == id.length() - 1) {
      throw new IllegalStateException("model chain entry '" + id + "' is not provider/model");
    }
    String providerName = id.substring(0, slash);
    String modelName = id.substring(slash + 1);
    ModelProperties.Provider provider = properties.providers().get(providerName);
    if (provider == null) {
      throw new IllegalStateException(
          "model chain entry '" + id + "' names unknown provider " + providerName);
    }
    ModelProperties.Model model =
        provider.models().stream()
            .filter(m -> modelName.equals(m.name()))
            .findFirst()
            .orElse(new ModelProperties.Model(modelName, null, null));
    Integer context =
        model.maxContextTokens() != null ? model.maxContextTokens() : provider.maxContextTokens();
    int output =
        model.maxOutputTokens() != null ? model.maxOutputTokens() : provider.maxOutputTokens();
    boolean json =
        provider.jsonMode() != null ? provider.jsonMode() : provider.type().jsonModeByDefault();
    return new ModelTarget(
        providerName, provider.type(), modelName, context == null ? 0 : context, output, json);
  }

  /** Every configured chain must resolve, so a typo fails at start-up rather than mid-task. */
  private void validate() {
    if (!properties.providers().isEmpty() && properties.tiers().isEmpty()) {
      throw new IllegalStateException(
          "steward.models.providers is set but steward.models.tiers is not: name the chains of"
              + " the small and strong tiers");
    }
    List<List<String>> all = new ArrayList<>();
    all.addAll(properties.tiers().values());
    all.addAll(properties.steps().values());
    for (ModelProperties.Routes routes : properties.taskTypes().values()) {
      all.addAll(routes.tiers().values());
      all.addAll(routes.steps().values());
    }
    properties
        .providers()
        .forEach((name, p) ->
            Objects.requireNonNull(p.type(), "steward.models.providers." + name + ".type"));
    all.forEach(chain -> chain.forEach(this::resolve));
  }

  @SafeVarargs
  private static List<String> firstNonEmpty(List<String>... candidates) {
    for (List<String> c : candidates) {
      if (c != null && !c.isEmpty()) {
        return c;
      }
    }
    return null;
  }
}
