package dev.steward.api.codec;

import java.time.Duration;
import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * What the security filter chain needs so that the Temporal UI, from its own origin, can call the
 * codec endpoints in an engineer's browser: CORS for those endpoints only, with credentials, and
 * sign-in by the codec session cookie. Who may call them stays in {@code SecurityConfig}.
 */
public final class CodecBrowserAccess {

  private final UrlBasedCorsConfigurationSource cors = new UrlBasedCorsConfigurationSource();
  private final CodecSessionFilter sessionFilter;

  CodecBrowserAccess(List<String> allowedOrigins, CodecSessions sessions) {
    CorsConfiguration codec = new CorsConfiguration();
    codec.setAllowedOrigins(allowedOrigins);
    codec.setAllowedMethods(List.of("POST"));
    // What the UI sends: its namespace, and a bearer token when told to pass its access token.
    codec.setAllowedHeaders(
        List.of(
            "Content-Type",
            CodecSessionFilter.NAMESPACE_HEADER,
            "Authorization",
            "Authorization-Extras",
            "X-API-Key"));
    codec.setAllowCredentials(true);
    codec.setMaxAge(Duration.ofHours(1));
    cors.registerCorsConfiguration("/codec/decode", codec);
    cors.registerCorsConfiguration("/codec/encode", codec);
    this.sessionFilter = new CodecSessionFilter(sessions);
  }

  /** Adds the codec endpoints' CORS rules and cookie sign-in to {@code http}. */
  public void applyTo(HttpSecurity http) {
    http.cors(c -> c.configurationSource(cors))
        .addFilterBefore(sessionFilter, AnonymousAuthenticationFilter.class);
  }
}
