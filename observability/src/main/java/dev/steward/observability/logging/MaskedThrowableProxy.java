package dev.steward.observability.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * An exception as logged, with its message (and those of its causes and suppressed exceptions)
 * masked of personal data: exception messages often quote what failed to parse or validate.
 */
final class MaskedThrowableProxy implements IThrowableProxy {

  private final IThrowableProxy proxy;

  private MaskedThrowableProxy(IThrowableProxy proxy) {
    this.proxy = proxy;
  }

  static IThrowableProxy of(IThrowableProxy proxy) {
    return proxy == null || proxy instanceof MaskedThrowableProxy
        ? proxy
        : new MaskedThrowableProxy(proxy);
  }

  @Override
  public String getMessage() {
    return LogRedaction.mask(proxy.getMessage());
  }

  @Override
  public String getOverridingMessage() {
    return LogRedaction.mask(proxy.getOverridingMessage());
  }

  @Override
  public String getClassName() {
    return proxy.getClassName();
  }

  @Override
  public StackTraceElementProxy[] getStackTraceElementProxyArray() {
    return proxy.getStackTraceElementProxyArray();
  }

  @Override
  public int getCommonFrames() {
    return proxy.getCommonFrames();
  }

  @Override
  public IThrowableProxy getCause() {
    return of(proxy.getCause());
  }

  @Override
  public IThrowableProxy[] getSuppressed() {
    IThrowableProxy[] suppressed = proxy.getSuppressed();
    if (suppressed == null) {
      return null;
    }
    IThrowableProxy[] masked = new IThrowableProxy[suppressed.length];
    for (int i = 0; i < suppressed.length; i++) {
      masked[i] = of(suppressed[i]);
    }
    return masked;
  }

  @Override
  public boolean isCyclic() {
    return proxy.isCyclic();
  }
}
