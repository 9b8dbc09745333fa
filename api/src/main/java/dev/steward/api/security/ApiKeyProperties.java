package dev.steward.api.security;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The API keys this deployment accepts ({@code steward.security.api-keys}). Only the SHA-256 of
 * each key is configured, so configuration at rest never holds a usable key.
 */
@ConfigurationProperties("steward.security")
public record ApiKeyProperties(List<ApiKey> apiKeys) {

  public ApiKeyProperties {
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
  }

  /**
   * One key: its hex SHA-256, and the principal it stands for.
   *
   * @param tenant letters, digits, '_' or '-': task ids start with it, up to the first '.'
   */
  public record ApiKey(String keySha256, String principal, String tenant, Set<String> roles) {

    public ApiKey {
      if (keySha256 == null || !keySha256.matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException(
            "steward.security.api-keys[].key-sha256 must be 64 hex digits (the SHA-256 of a key)");
      }
      if (principal == null || principal.isBlank()) {
        throw new IllegalArgumentException("steward.security.api-keys[].principal is required");
      }
      if (!StewardPrincipal.isValidTenant(tenant)) {
        throw new IllegalArgumentException(
            "steward.security.api-keys[].tenant of "
                + principal
                + " must be 1-64 letters, digits, '_' or '-'");
      }
      roles = roles == null ? Set.of() : Set.copyOf(roles);
      if (!StewardPrincipal.ROLES.containsAll(roles)) {
        throw new IllegalArgumentException(
            "roles of " + principal + " must be among " + StewardPrincipal.ROLES + ": " + roles);
      }
    }

    byte[] hash() {
      return HexFormat.of().parseHex(keySha256.toLowerCase(java.util.Locale.ROOT));
    }

    StewardPrincipal toPrincipal() {
      return new StewardPrincipal(principal, tenant, roles);
    }
  }
}
