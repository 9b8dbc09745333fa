package dev.steward.activities.model;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when at least one model provider is configured under {@code steward.models.providers}; the
 * model gateway and its beans exist only then, and the offline model answers otherwise.
 */
public class ProvidersConfigured implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return Binder.get(context.getEnvironment())
        .bind("steward.models.providers", Bindable.mapOf(String.class, Object.class))
        .map(Map::isEmpty)
        .map(empty -> !empty)
        .orElse(false);
  }
}
