package dev.steward.api.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a verified JWT into a {@link StewardPrincipal} by the claims {@link JwtClaimProperties}
 * names. A token that does not say clearly who, which tenant and which known roles is refused
 * (401), never given a guessed tenant or a partial set of roles.
 */
final class JwtPrincipalConverter implements Converter<Jwt, JwtAuthentication> {

  private final JwtClaimProperties claims;

  JwtPrincipalConverter(JwtClaimProperties claims) {
    this.claims = claims;
  }

  @Override
  public JwtAuthentication convert(Jwt jwt) {
    String name = text(jwt, claims.principalClaim());
    if (name == null) {
      throw refused("it has no '" + claims.principalClaim() + "' claim naming the principal");
    }
    String tenant = text(jwt, claims.tenantClaim());
    if (tenant == null) {
      throw refused("it has no '" + claims.tenantClaim() + "' claim naming the tenant");
    }
    if (!StewardPrincipal.isValidTenant(tenant)) {
      throw refused(
          "its '"
              + claims.tenantClaim()
              + "' claim is not a tenant (1-64 letters, digits, '_' or '-')");
    }
    Set<String> roles = roles(jwt);
    if (roles.isEmpty()) {
      throw refused(
          "it has no roles in its '" + claims.rolesClaim() + "' claim; known roles: " + known());
    }
    Set<String> unknown = new TreeSet<>();
    for (String role : roles) {
      if (!StewardPrincipal.ROLES.contains(role)) {
        // Quoted back to the caller in an RFC 6750 error description, whose charset is narrow.
        unknown.add(role.replaceAll("[^A-Za-z0-9_.:/-]", "?"));
      }
    }
    if (!unknown.isEmpty()) {
      throw refused(
          "its '"
              + claims.rolesClaim()
              + "' claim names unknown roles "
              + unknown
              + "; known roles: "
              + known());
    }
    return new JwtAuthentication(new StewardPrincipal(name, tenant, roles), jwt);
  }

  private Set<String> roles(Jwt jwt) {
    Object value = jwt.getClaims().get(claims.rolesClaim());
    List<String> names = new ArrayList<>();
    if (value instanceof String text) {
      names.addAll(Arrays.asList(text.split("[\\s,]+")));
    } else if (value instanceof Collection<?> list) {
      list.forEach(role -> names.add(String.valueOf(role)));
    } else if (value != null) {
      throw refused("its '" + claims.rolesClaim() + "' claim is neither a list nor a string");
    }
    Set<String> roles = new LinkedHashSet<>();
    for (String role : names) {
      if (!role.isBlank()) {
        roles.add(role.strip());
      }
    }
    return roles;
  }

  private static String text(Jwt jwt, String claim) {
    Object value = jwt.getClaims().get(claim);
    if (!(value instanceof String text) || text.isBlank()) {
      return null;
    }
    return text.strip();
  }

  private static String known() {
    return String.join(", ", new TreeSet<>(StewardPrincipal.ROLES));
  }

  private static InvalidBearerTokenException refused(String why) {
    return new InvalidBearerTokenException("The bearer token is refused: " + why + ".");
  }
}
