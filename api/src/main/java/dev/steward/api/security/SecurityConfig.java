package dev.steward.api.security;

import static dev.steward.api.security.StewardPrincipal.ADMIN;
import static dev.steward.api.security.StewardPrincipal.APPROVER;
import static dev.steward.api.security.StewardPrincipal.ENGINEER;
import static dev.steward.api.security.StewardPrincipal.REQUESTER;
import static dev.steward.api.security.StewardPrincipal.SENIOR_APPROVER;

import dev.steward.api.codec.CodecBrowserAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Stateless security, the one place that says who may call which endpoint. Callers sign in with an
 * API key ({@code X-API-Key}) or, when an issuer or key is configured under {@code
 * spring.security.oauth2.resourceserver.jwt}, a JWT bearer token; either way they become a {@link
 * StewardPrincipal}.
 *
 * <p>Roles are checked here; tenants are checked in the controllers, because they depend on the
 * resource (a task id names its tenant), and another tenant's resource is answered 404, as if it
 * did not exist.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ApiKeyProperties.class, JwtClaimProperties.class})
public class SecurityConfig {

  private static final String[] ANY_ROLE = {REQUESTER, APPROVER, SENIOR_APPROVER, ADMIN, ENGINEER};

  /** Also keeps Boot from creating its default user with a generated password. */
  @Bean
  ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeyProperties properties) {
    return new ApiKeyAuthenticationProvider(properties);
  }

  @Bean
  SecurityFilterChain apiSecurityFilterChain(
      HttpSecurity http,
      ApiKeyAuthenticationProvider provider,
      JwtClaimProperties claims,
      ObjectProvider<JwtDecoder> configuredDecoder,
      ObjectProvider<CodecBrowserAccess> codecBrowserAccess) {
    JwtDecoder jwtDecoder = configuredDecoder.getIfAvailable();
    // The Temporal UI calls the codec server from its own origin, signed in by a cookie that only
    // /codec/decode and /codec/encode accept; the rest of the API never reads cookies.
    codecBrowserAccess.ifAvailable(access -> access.applyTo(http));
    ProblemSecurityHandler problems = new ProblemSecurityHandler(jwtDecoder != null);
    // Built here, not a bean: as a bean Boot would also register it as a plain servlet filter.
    ApiKeyAuthenticationFilter apiKeys =
        new ApiKeyAuthenticationFilter(new ProviderManager(provider), problems);
    http.csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .addFilterBefore(apiKeys, AnonymousAuthenticationFilter.class)
        .oauth2ResourceServer(o ->
            o.authenticationEntryPoint(problems)
                .accessDeniedHandler(problems)
                .jwt(jwt ->
                    jwt.decoder(
                            jwtDecoder != null ? jwtDecoder : SecurityConfig::refuseBearerTokens)
                        .jwtAuthenticationConverter(new JwtPrincipalConverter(claims))))
        .authorizeHttpRequests(a ->
            a.requestMatchers(
                    "/actuator/health",
                    "/actuator/health/**",
                    "/v3/api-docs",
                    "/v3/api-docs/**",
                    "/swagger-ui/**",
                    "/swagger-ui.html",
                    "/inbox",
                    "/inbox/**",
                    "/codec",
                    "/codec/",
                    "/codec/index.html",
                    "/codec/codec.js",
                    "/codec/codec.css",
                    "/error")
                .permitAll()
                // Codec server: decoded payloads hold every tenant's prompts and personal data
                // (one Temporal namespace), so only engineers, who operate the deployment. Signing
                // out only drops the caller's own cookie.
                .requestMatchers(
                    HttpMethod.POST, "/codec/decode", "/codec/encode", "/codec/session")
                .hasRole(ENGINEER)
                .requestMatchers(HttpMethod.DELETE, "/codec/session")
                .permitAll()
                // Metrics span every tenant (cost, pending approvals, prompt quality): engineers,
                // who
                // operate the deployment, as for the codec server. Prometheus scrapes with an
                // engineer's API key (ops/prometheus/prometheus.yml).
                .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                .hasRole(ENGINEER)
                // Tasks: requesters (and admins) start and cancel them; every role of the tenant
                // reads them (engineers follow a task's steps and usage here).
                .requestMatchers(HttpMethod.POST, "/v1/tasks")
                .hasAnyRole(REQUESTER, ADMIN)
                .requestMatchers(HttpMethod.GET, "/v1/tasks", "/v1/tasks/*")
                .hasAnyRole(ANY_ROLE)
                .requestMatchers(HttpMethod.POST, "/v1/tasks/*/cancel")
                .hasAnyRole(REQUESTER, ADMIN)
                // Traces (prompt versions, models, cost, redacted errors) are for engineers and
                // admins. Feedback: the controller lets only the task's own requester give it.
                .requestMatchers(HttpMethod.GET, "/v1/tasks/*/trace", "/v1/traces", "/v1/traces/**")
                .hasAnyRole(ENGINEER, ADMIN)
                .requestMatchers(HttpMethod.POST, "/v1/tasks/*/feedback")
                .hasAnyRole(REQUESTER, ADMIN)
                // Approvals: approvers, and the senior approvers a request escalates to. The
                // workflow checks the rest: senior approvers only after escalation, never the
                // task's own requester, never twice.
                .requestMatchers(HttpMethod.GET, "/v1/approvals")
                .hasAnyRole(APPROVER, SENIOR_APPROVER)
                .requestMatchers(HttpMethod.POST, "/v1/tasks/*/decision")
                .hasAnyRole(APPROVER, SENIOR_APPROVER)
                // Documents are managed by admins; engineers may read their ingestion state.
                .requestMatchers(HttpMethod.POST, "/v1/documents")
                .hasRole(ADMIN)
                .requestMatchers(HttpMethod.DELETE, "/v1/documents/*")
                .hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, "/v1/documents/*")
                .hasAnyRole(ADMIN, ENGINEER)
                .requestMatchers(HttpMethod.GET, "/v1/search")
                .hasAnyRole(ADMIN, ENGINEER)
                // Prompts: admins change them; engineers may read them to explain a task's draft.
                .requestMatchers(HttpMethod.GET, "/v1/admin/prompts", "/v1/admin/prompts/**")
                .hasAnyRole(ADMIN, ENGINEER)
                // Evaluation datasets: engineers export their tenant's recorded tasks to re-run.
                .requestMatchers(HttpMethod.GET, "/v1/admin/datasets/tasks")
                .hasAnyRole(ADMIN, ENGINEER)
                .requestMatchers("/v1/admin/**")
                .hasRole(ADMIN)
                // Unknown paths and wrong methods: 404 and 405 to anyone signed in. Every endpoint
                // has a rule above; AuthorizationMatrixIT fails for one that has none.
                .anyRequest()
                .authenticated());
    return http.build();
  }

  /** The decoder while no JWT issuer or key is configured: every bearer token is refused. */
  private static Jwt refuseBearerTokens(String token) {
    throw new BadJwtException(
        "This deployment accepts no bearer tokens (no JWT issuer or key is configured); use an API"
            + " key in the X-API-Key header.");
  }
}
