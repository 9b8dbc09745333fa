package dev.steward.api.security;

import java.security.Principal;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who is calling: a name, the tenant whose data they may see, and their roles (requester, approver,
 * admin, engineer). Controllers take identity only from here, never from a request body.
 */
public record StewardPrincipal(String name, String tenant, Set<String> roles) implements Principal {

  public static final String REQUESTER = "requester";
  public static final String APPROVER = "approver";
  public static final String ADMIN = "admin";
  public static final String ENGINEER = "engineer";

  /** Every role a key may carry. */
  public static final Set<String> ROLES = Set.of(REQUESTER, APPROVER, ADMIN, ENGINEER);

  public StewardPrincipal {
    roles = Set.copyOf(roles);
  }

  @Override
  public String getName() {
    return name;
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** Spring Security authorities: {@code ROLE_<role>} for each role. */
  public Set<GrantedAuthority> authorities() {
    return Set.copyOf(
        roles.stream()
            .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r))
            .toList());
  }
}
