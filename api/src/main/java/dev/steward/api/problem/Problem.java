package dev.steward.api.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The problem types the API answers with; each {@code type} URI is stable and documented, so
 * clients can branch on it instead of parsing a message.
 */
public enum Problem {
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request"),
  INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request"),
  INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter"),
  INVALID_IDEMPOTENCY_KEY(
      HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid idempotency key"),
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required"),
  FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),
  DECISION_NOT_ALLOWED(HttpStatus.FORBIDDEN, "decision-not-allowed", "Decision not allowed"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found"),
  TASK_NOT_FOUND(HttpStatus.NOT_FOUND, "task-not-found", "Task not found"),
  DOCUMENT_NOT_FOUND(HttpStatus.NOT_FOUND, "document-not-found", "Document not found"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable"),
  TASK_NOT_AWAITING_DECISION(
      HttpStatus.CONFLICT, "task-not-awaiting-decision", "Task not awaiting a decision"),
  STALE_ACTION(HttpStatus.CONFLICT, "stale-action", "The proposed action changed"),
  TASK_FINISHED(HttpStatus.CONFLICT, "task-finished", "Task already finished"),
  PROMPT_CONFLICT(HttpStatus.CONFLICT, "prompt-conflict", "Prompt changed concurrently"),
  INPUT_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "input-too-large", "Input too large"),
  DOCUMENT_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "document-too-large", "Document too large"),
  UNSUPPORTED_MEDIA_TYPE(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type"),
  UNKNOWN_TASK_TYPE(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-task-type", "Unknown task type"),
  INVALID_INPUT(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-input", "Invalid task input"),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error"),
  TEMPORAL_UNAVAILABLE(
      HttpStatus.SERVICE_UNAVAILABLE, "temporal-unavailable", "Workflow service unavailable"),
  STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable");

  /** Prefix of every problem type URI. */
  public static final String TYPE_BASE = "https://steward.dev/problems/";

  private final HttpStatus status;
  private final String slug;
  private final String title;

  Problem(HttpStatus status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public URI type() {
    return URI.create(TYPE_BASE + slug);
  }
}
