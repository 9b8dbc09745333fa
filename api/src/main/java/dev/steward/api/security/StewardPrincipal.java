package dev.steward.api.security;

import java.security.Principal;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who is calling: a name, the tenant whose data they may see, and their roles (requester, approver,
 * senior-approver, admin, engineer), whether from an API key or a JWT. Controllers take identity
 * only from here, never from a request body.
 */
public record StewardPrincipal(String name, String tenant, Set<String> roles) implements Principal {

  public static final String REQUESTER = "requester";
  public static final String APPROVER = "approver";
  public static final String ADMIN = "admin";
  public static final String ENGINEER = "engineer";

  /**
   * The senior group an approval request escalates to (a task type's {@code escalationRole}); the
   * workflow lets its holders decide once a request has escalated.
   */
  public static final String SENIOR_APPROVER = "senior-approver";

  /** Every role a key or token may carry. */
  public static final Set<String> ROLES =
      Set.of(REQUESTER, APPROVER, SENIOR_APPROVER, ADMIN, ENGINEER);

  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public StewardPrincipal {
    roles = Set.copyOf(roles);
  }

  @Override
  public String getName() {
    return name;
  }

  /**
   * Whether {@code tenant} can name a tenant: 1-64 letters, digits, '_' or '-', so that it can lead
   * a task id up to its first '.'.
   */
  public static boolean isValidTenant(String tenant) {
    return tenant != null && TENANT.matcher(tenant).matches();
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
