package dev.steward.api.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A verified JWT resolved to its {@link StewardPrincipal}: the same principal an API key yields, so
 * controllers never know which way the caller signed in.
 */
public final class JwtAuthentication extends AbstractAuthenticationToken {

  private final StewardPrincipal principal;
  private final transient Jwt token;

  JwtAuthentication(StewardPrincipal principal, Jwt token) {
    super(principal.authorities());
    this.principal = principal;
    this.token = token;
    setAuthenticated(true);
  }

  @Override
  public Jwt getCredentials() {
    return token;
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
