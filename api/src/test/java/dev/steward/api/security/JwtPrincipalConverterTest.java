package dev.steward.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class JwtPrincipalConverterTest {

  private final JwtPrincipalConverter converter =
      new JwtPrincipalConverter(JwtClaimProperties.defaults());

  @Test
  void mapsSubjectTenantAndRolesToTheSamePrincipalAnApiKeyGives() {
    JwtAuthentication auth =
        converter.convert(
            jwt(Map.of("sub", "bob", "tenant", "acme", "roles", List.of("approver", "engineer"))));

    assertThat(auth.getPrincipal())
        .isEqualTo(new StewardPrincipal("bob", "acme", Set.of("approver", "engineer")));
    assertThat(auth.getName()).isEqualTo("bob");
    assertThat(auth.isAuthenticated()).isTrue();
    assertThat(auth.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder("ROLE_approver", "ROLE_engineer");
  }

  @Test
  void readsRolesFromASpaceOrCommaSeparatedString() {
    assertThat(
            converter
                .convert(jwt(Map.of("sub", "x", "tenant", "acme", "roles", "admin, engineer")))
                .getPrincipal()
                .roles())
        .containsExactlyInAnyOrder("admin", "engineer");
  }

  @Test
  void usesTheConfiguredClaimNames() {
    JwtPrincipalConverter custom =
        new JwtPrincipalConverter(new JwtClaimProperties("email", "org", "steward_roles"));
    StewardPrincipal principal =
        custom
            .convert(
                jwt(
                    Map.of(
                        "sub", "0042",
                        "email", "carol@example.com",
                        "org", "globex",
                        "steward_roles", List.of("admin"))))
            .getPrincipal();
    assertThat(principal)
        .isEqualTo(new StewardPrincipal("carol@example.com", "globex", Set.of("admin")));
  }

  @Test
  void refusesATokenWithoutTenant() {
    assertThatThrownBy(
            () -> converter.convert(jwt(Map.of("sub", "x", "roles", List.of("requester")))))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("no 'tenant' claim");
    assertThatThrownBy(() ->
            converter.convert(
                jwt(Map.of("sub", "x", "tenant", "ac.me", "roles", List.of("requester")))))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("is not a tenant");
  }

  @Test
  void refusesUnknownOrMissingRoles() {
    assertThatThrownBy(() ->
            converter.convert(
                jwt(Map.of("sub", "x", "tenant", "acme", "roles", List.of("requester", "root\"")))))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("unknown roles [root?]")
        .hasMessageContaining("known roles: admin, approver, engineer, requester, senior-approver");
    assertThatThrownBy(() -> converter.convert(jwt(Map.of("sub", "x", "tenant", "acme"))))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("no roles");
    assertThatThrownBy(() ->
            converter.convert(jwt(Map.of("sub", "x", "tenant", "acme", "roles", Map.of("a", 1)))))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("neither a list nor a string");
  }

  @Test
  void refusesATokenWithoutPrincipal() {
    assertThatThrownBy(
            () -> converter.convert(jwt(Map.of("tenant", "acme", "roles", List.of("requester")))))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("no 'sub' claim");
  }

  private static Jwt jwt(Map<String, Object> claims) {
    Instant now = Instant.now();
    return new Jwt("token", now, now.plusSeconds(60), Map.of("alg", "RS256"), claims);
  }
}
