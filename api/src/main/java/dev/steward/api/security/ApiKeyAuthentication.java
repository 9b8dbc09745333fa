package dev.steward.api.security;

import java.util.Set;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An API key as presented (unauthenticated, carrying the raw key) or as resolved (authenticated,
 * carrying the {@link StewardPrincipal}, the raw key erased).
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private final StewardPrincipal principal;
  private String key;

  private ApiKeyAuthentication(String key) {
    super(Set.of());
    this.principal = null;
    this.key = key;
  }

  private ApiKeyAuthentication(StewardPrincipal principal) {
    super(principal.authorities());
    this.principal = principal;
    setAuthenticated(true);
  }

  public static ApiKeyAuthentication presented(String key) {
    return new ApiKeyAuthentication(key);
  }

  public static ApiKeyAuthentication resolved(StewardPrincipal principal) {
    return new ApiKeyAuthentication(principal);
  }

  @Override
  public Object getCredentials() {
    return key;
  }

  @Override
  public StewardPrincipal getPrincipal() {
    return principal;
  }

  @Override
  public String getName() {
    return principal == null ? "" : principal.name();
  }

  @Override
  public void eraseCredentials() {
    key = null;
    super.eraseCredentials();
  }
}
