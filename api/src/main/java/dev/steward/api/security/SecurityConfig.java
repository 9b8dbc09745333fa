package dev.steward.api.security;

import static dev.steward.api.security.StewardPrincipal.ADMIN;
import static dev.steward.api.security.StewardPrincipal.APPROVER;
import static dev.steward.api.security.StewardPrincipal.ENGINEER;
import static dev.steward.api.security.StewardPrincipal.REQUESTER;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Stateless API-key security: who may call which endpoint, by role. Tenant checks happen in the
 * controllers, because they depend on the resource (a task id names its tenant).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiKeyProperties.class)
public class SecurityConfig {

  /** Also keeps Boot from creating its default user with a generated password. */
  @Bean
  ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeyProperties properties) {
    return new ApiKeyAuthenticationProvider(properties);
  }

  @Bean
  SecurityFilterChain apiSecurityFilterChain(
      HttpSecurity http, ApiKeyAuthenticationProvider provider) {
    ProblemSecurityHandler problems = new ProblemSecurityHandler();
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
        .authorizeHttpRequests(a ->
            a.requestMatchers(
                    "/actuator/health",
                    "/actuator/health/**",
                    "/v3/api-docs",
                    "/v3/api-docs/**",
                    "/swagger-ui/**",
                    "/swagger-ui.html",
                    "/inbox/**",
                    "/error")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/v1/tasks")
                .hasAnyRole(REQUESTER, ADMIN)
                .requestMatchers(HttpMethod.POST, "/v1/tasks/*/decision")
                .hasRole(APPROVER)
                .requestMatchers(HttpMethod.POST, "/v1/tasks/*/cancel")
                .hasAnyRole(REQUESTER, ADMIN)
                .requestMatchers(HttpMethod.GET, "/v1/approvals")
                .hasRole(APPROVER)
                .requestMatchers(HttpMethod.POST, "/v1/documents")
                .hasAnyRole(ADMIN, ENGINEER)
                .requestMatchers(HttpMethod.GET, "/v1/search")
                .hasAnyRole(ADMIN, ENGINEER)
                .anyRequest()
                .authenticated());
    return http.build();
  }
}
