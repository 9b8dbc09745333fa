package dev.steward.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.api.security.ApiKeyProperties.ApiKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

class ApiKeyAuthenticationProviderTest {

  private static final String REQUESTER_HASH =
      "3416d051a48251350246ad081e82e10fd0049c1945bd5475842b6eed5608c55a";

  private final ApiKeyAuthenticationProvider provider =
      new ApiKeyAuthenticationProvider(
          new ApiKeyProperties(
              List.of(
                  new ApiKey(REQUESTER_HASH, "alice-requester", "acme", Set.of("requester")),
                  new ApiKey(
                      "AC5BB3526D3BE432BA19FB1FC0712D350C160BD2169CD24401C9FCAEAAC2D860",
                      "carol-admin",
                      "acme",
                      Set.of("admin", "engineer")))));

  @Test
  void resolvesKeyByItsHashToPrincipalWithRoleAuthorities() {
    Authentication result =
        provider.authenticate(ApiKeyAuthentication.presented("demo-requester-key"));

    assertThat(result.isAuthenticated()).isTrue();
    assertThat(result.getPrincipal())
        .isEqualTo(new StewardPrincipal("alice-requester", "acme", Set.of("requester")));
    assertThat(result.getCredentials()).isNull();
    assertThat(result.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_requester");
  }

  @Test
  void acceptsUpperCaseHexHashes() {
    Authentication result = provider.authenticate(ApiKeyAuthentication.presented("demo-admin-key"));

    assertThat(result.getName()).isEqualTo("carol-admin");
  }

  @Test
  void rejectsUnknownAndEmptyKeys() {
    assertThatThrownBy(() -> provider.authenticate(ApiKeyAuthentication.presented("guess")))
        .isInstanceOf(BadCredentialsException.class);
    assertThatThrownBy(() -> provider.authenticate(ApiKeyAuthentication.presented("")))
        .isInstanceOf(BadCredentialsException.class);
    // The hash itself is not a key.
    assertThatThrownBy(() -> provider.authenticate(ApiKeyAuthentication.presented(REQUESTER_HASH)))
        .isInstanceOf(BadCredentialsException.class);
  }

  @Test
  void configurationRejectsUnknownRolesAndKeysThatAreNotHashes() {
    assertThatThrownBy(() -> new ApiKey(REQUESTER_HASH, "x", "acme", Set.of("superuser")))
        .hasMessageContaining("roles");
    assertThatThrownBy(() -> new ApiKey("demo-requester-key", "x", "acme", Set.of("requester")))
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> new ApiKey(REQUESTER_HASH, "x", "ac.me", Set.of("requester")))
        .hasMessageContaining("tenant");
  }
}
