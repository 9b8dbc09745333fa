package dev.steward.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds problem details, and writes them where no controller advice reaches: servlet filters and
 * Spring Security's entry point and access-denied handler.
 */
public final class ProblemDetails {

  private static final JsonMapper JSON = JsonMapper.shared();

  private ProblemDetails() {}

  public static ProblemDetail of(Problem problem, String detail, String path) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), detail);
    body.setType(problem.type());
    body.setTitle(problem.title());
    if (path != null) {
      body.setInstance(URI.create(path));
    }
    return body;
  }

  /** Writes {@code problem} as {@code application/problem+json}, the same shape MVC produces. */
  public static void write(
      HttpServletResponse response, HttpServletRequest request, Problem problem, String detail)
      throws IOException {
    ProblemDetail body = of(problem, detail, request.getRequestURI());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", body.getType().toString());
    json.put("title", body.getTitle());
    json.put("status", body.getStatus());
    json.put("detail", body.getDetail());
    json.put("instance", body.getInstance().toString());
    response.setStatus(problem.status().value());
    // JSON is UTF-8 by definition (RFC 8259), so no charset parameter, as MVC does it.
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(JSON.writeValueAsBytes(json));
  }
}
