package dev.steward.api.codec;

import dev.steward.api.security.StewardPrincipal;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An engineer signed in to the codec server by its session cookie. */
final class CodecSessionAuthentication extends AbstractAuthenticationToken {

  private final StewardPrincipal principal;

  CodecSessionAuthentication(StewardPrincipal principal) {
    super(principal.authorities());
    this.principal = principal;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public StewardPrincipal getPrincipal() {
    return principal;
  }

  @Override
  public String getName() {
    return principal.name();
  }
}
