package dev.steward.api.codec;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemDetails;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in calls to the codec endpoints by the session cookie, and no other call: the rest of the
 * API never looks at cookies, so it needs no CSRF protection.
 *
 * <p>The cookie counts only on a request that also carries {@code X-Namespace}, as the Temporal
 * UI's always do. A custom header makes every cross-origin request a CORS preflight first, which
 * only the configured UI origins pass: no other page can make a browser spend the cookie.
 */
final class CodecSessionFilter extends OncePerRequestFilter {

  static final String NAMESPACE_HEADER = "X-Namespace";
  private static final Set<String> PATHS = Set.of("/codec/decode", "/codec/encode");

  private final CodecSessions sessions;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  CodecSessionFilter(CodecSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !HttpMethod.POST.matches(request.getMethod()) || !PATHS.contains(path);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication existing = contexts.getContext().getAuthentication();
    Optional<String> token = cookie(request);
    if (existing != null || token.isEmpty() || request.getHeader(NAMESPACE_HEADER) == null) {
      chain.doFilter(request, response);
      return;
    }
    var principal = sessions.verify(token.get());
    if (principal.isEmpty()) {
      ProblemDetails.write(
          response,
          request,
          Problem.UNAUTHENTICATED,
          "The codec sign-in has expired or is not valid; sign in again at /codec/.");
      return;
    }
    SecurityContext context = contexts.createEmptyContext();
    context.setAuthentication(new CodecSessionAuthentication(principal.get()));
    contexts.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      contexts.clearContext();
    }
  }

  private static Optional<String> cookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    return Arrays.stream(cookies)
        .filter(c -> CodecSessions.COOKIE.equals(c.getName()) && !c.getValue().isEmpty())
        .map(Cookie::getValue)
        .findFirst();
  }
}
