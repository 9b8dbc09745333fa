package dev.steward.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every test class the same {@link StewardCluster}, started on first use and stopped after
 * the last test: starting one takes a minute on two cores. Each test leaves the cluster usable
 * (server up, at least one ordinary worker running or startable) for the next.
 */
final class SharedCluster implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedCluster.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StewardCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent("cluster", key -> start(), StewardCluster.class);
  }

  private static StewardCluster start() {
    try {
      return StewardCluster.start();
    } catch (Exception e) {
      throw new IllegalStateException("the e2e cluster did not start", e);
    }
  }
}
