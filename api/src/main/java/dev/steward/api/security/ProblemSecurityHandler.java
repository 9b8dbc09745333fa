package dev.steward.api.security;

import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers 401 and 403 from Spring Security as problem details, like every other error. */
final class ProblemSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final boolean bearerTokens;

  /**
   * @param bearerTokens whether JWT bearer tokens are configured, and so offered as a way in
   */
  ProblemSecurityHandler(boolean bearerTokens) {
    this.bearerTokens = bearerTokens;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    String detail;
    if (e instanceof OAuth2AuthenticationException bearer) {
      String why = bearer.getError().getDescription();
      detail = why == null || why.isBlank() ? "The bearer token is not valid." : why;
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    } else {
      detail =
          e instanceof BadCredentialsException
              ? "The API key in the X-API-Key header is not valid."
              : bearerTokens
                  ? "This request needs an API key in the X-API-Key header or a bearer token in"
                      + " the Authorization header."
                  : "This request needs an API key in the X-API-Key header.";
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, bearerTokens ? "ApiKey, Bearer" : "ApiKey");
    }
    ProblemDetails.write(response, request, Problem.UNAUTHENTICATED, detail);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    ProblemDetails.write(
        response,
        request,
        Problem.FORBIDDEN,
        "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI() + ".");
  }
}
