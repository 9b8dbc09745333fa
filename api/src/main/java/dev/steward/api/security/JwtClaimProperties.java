package dev.steward.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which claims of a verified JWT name the principal, its tenant and its roles ({@code
 * steward.security.jwt.*}). The token itself is verified by Spring's resource server, configured
 * under {@code spring.security.oauth2.resourceserver.jwt}.
 *
 * @param principalClaim the claim holding the principal's name
 * @param tenantClaim the claim holding the tenant
 * @param rolesClaim the claim holding the roles: a JSON array, or one string of roles separated by
 *     spaces or commas
 */
@ConfigurationProperties("steward.security.jwt")
public record JwtClaimProperties(String principalClaim, String tenantClaim, String rolesClaim) {

  public JwtClaimProperties {
    principalClaim = blankToDefault(principalClaim, "sub");
    tenantClaim = blankToDefault(tenantClaim, "tenant");
    rolesClaim = blankToDefault(rolesClaim, "roles");
  }

  public static JwtClaimProperties defaults() {
    return new JwtClaimProperties(null, null, null);
  }

  private static String blankToDefault(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value.strip();
  }
}
