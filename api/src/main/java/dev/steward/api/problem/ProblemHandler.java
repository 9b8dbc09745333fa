package dev.steward.api.problem;

import dev.steward.store.StoreUnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every error, the framework's and Steward's, into an RFC 9457 problem detail with a stable
 * type, a human detail and the request path as instance; never a stack trace.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<ProblemDetail> handleProblem(ProblemException e, HttpServletRequest request) {
    ProblemDetail body = ProblemDetails.of(e.problem(), e.getMessage(), request.getRequestURI());
    e.properties().forEach(body::setProperty);
    return ResponseEntity.status(e.problem().status()).body(body);
  }

  @ExceptionHandler(StoreUnavailableException.class)
  ResponseEntity<ProblemDetail> handleStoreUnavailable(
      StoreUnavailableException e, HttpServletRequest request) {
    log.warn("Elasticsearch unreachable: {}", e.getMessage());
    return problem(
        Problem.STORE_UNAVAILABLE,
        "The document and task store cannot be reached; retry later.",
        request);
  }

  @ExceptionHandler(WorkflowServiceException.class)
  ResponseEntity<ProblemDetail> handleWorkflowService(
      WorkflowServiceException e, HttpServletRequest request) {
    if (e.getCause() instanceof StatusRuntimeException grpc && !isUnavailable(grpc)) {
      return handleUnexpected(e, request);
    }
    log.warn("Temporal call failed: {}", e.getMessage());
    return temporalUnavailable(request);
  }

  @ExceptionHandler(StatusRuntimeException.class)
  ResponseEntity<ProblemDetail> handleGrpc(StatusRuntimeException e, HttpServletRequest request) {
    if (!isUnavailable(e)) {
      return handleUnexpected(e, request);
    }
    log.warn("Temporal unreachable: {}", e.getStatus());
    return temporalUnavailable(request);
  }

  /** Only reached when a controller itself throws; the filter chain handles the usual cases. */
  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ProblemDetail> handleAuthentication(
      AuthenticationException e, HttpServletRequest request) {
    return ResponseEntity.status(Problem.UNAUTHENTICATED.status())
        .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey")
        .body(
            ProblemDetails.of(
                Problem.UNAUTHENTICATED, "A valid X-API-Key is needed.", request.getRequestURI()));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> handleAccessDenied(
      AccessDeniedException e, HttpServletRequest request) {
    return problem(Problem.FORBIDDEN, "Your roles do not allow this request.", request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> handleUnexpected(Exception e, HttpServletRequest request) {
    log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return problem(
        Problem.INTERNAL_ERROR,
        "An unexpected error occurred; it has been logged. Retry later or contact the operators.",
        request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    RequestBodyTooLargeException tooLarge = causeOfType(e, RequestBodyTooLargeException.class);
    if (tooLarge != null) {
      return handleExceptionInternal(
          e,
          ProblemDetails.of(Problem.DOCUMENT_TOO_LARGE, tooLarge.getMessage(), path(request)),
          headers,
          Problem.DOCUMENT_TOO_LARGE.status(),
          request);
    }
    ProblemDetail body = ProblemDetails.of(Problem.MALFORMED_REQUEST, unreadable(e), path(request));
    return handleExceptionInternal(e, body, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      String message = error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
      errors.add(Map.of("field", error.getField(), "message", message));
      sentences.add("'" + error.getField() + "' " + message);
    }
    String detail =
        sentences.isEmpty()
            ? "The request body is invalid."
            : "The request body is invalid: " + String.join("; ", sentences) + ".";
    ProblemDetail body = ProblemDetails.of(Problem.INVALID_REQUEST, detail, path(request));
    body.setProperty("errors", errors);
    return handleExceptionInternal(e, body, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      MaxUploadSizeExceededException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail body =
        ProblemDetails.of(
            Problem.DOCUMENT_TOO_LARGE, "The request body is larger than allowed.", path(request));
    return handleExceptionInternal(e, body, headers, status, request);
  }

  /** Gives the framework's own problem details a Steward type, title and instance. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body == null && e instanceof ErrorResponse framework) {
      body = framework.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
    }
    if (body instanceof ProblemDetail problem) {
      if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
        Problem known = forStatus(status.value());
        problem.setType(known.type());
        problem.setTitle(known.title());
      }
      if (problem.getInstance() == null) {
        problem.setInstance(URI.create(path(request)));
      }
    }
    return super.handleExceptionInternal(e, body, headers, status, request);
  }

  private static Problem forStatus(int status) {
    return switch (status) {
      case 400 -> Problem.INVALID_REQUEST;
      case 401 -> Problem.UNAUTHENTICATED;
      case 403 -> Problem.FORBIDDEN;
      case 404 -> Problem.NOT_FOUND;
      case 405 -> Problem.METHOD_NOT_ALLOWED;
      case 406 -> Problem.NOT_ACCEPTABLE;
      case 413 -> Problem.DOCUMENT_TOO_LARGE;
      case 415 -> Problem.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> Problem.TEMPORAL_UNAVAILABLE;
      default -> Problem.INTERNAL_ERROR;
    };
  }

  /** Says what is wrong with the body in the client's terms, never in Jackson's. */
  private static String unreadable(HttpMessageNotReadableException e) {
    DatabindException binding = causeOfType(e, DatabindException.class);
    if (binding != null) {
      String field = fieldPath(binding);
      return field.isEmpty()
          ? "The request body does not have the expected shape: a JSON object is expected."
          : "The field '" + field + "' has a value of the wrong type or format.";
    }
    StreamReadException syntax = causeOfType(e, StreamReadException.class);
    if (syntax != null) {
      TokenStreamLocation at = syntax.getLocation();
      return at == null || at.getLineNr() < 1
          ? "The request body is not valid JSON."
          : "The request body is not valid JSON (line %d, column %d)."
              .formatted(at.getLineNr(), at.getColumnNr());
    }
    if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
      return "The request needs a JSON body.";
    }
    return "The request body could not be read as JSON.";
  }

  private static String fieldPath(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static boolean isUnavailable(StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
  }

  private static ResponseEntity<ProblemDetail> temporalUnavailable(HttpServletRequest request) {
    return problem(
        Problem.TEMPORAL_UNAVAILABLE,
        "The workflow service (Temporal) cannot be reached; retry later.",
        request);
  }

  private static ResponseEntity<ProblemDetail> problem(
      Problem problem, String detail, HttpServletRequest request) {
    return ResponseEntity.status(problem.status())
        .body(ProblemDetails.of(problem, detail, request.getRequestURI()));
  }

  private static String path(WebRequest request) {
    return request instanceof ServletWebRequest servlet
        ? servlet.getRequest().getRequestURI()
        : request.getDescription(false).replaceFirst("^uri=", "");
  }
}
