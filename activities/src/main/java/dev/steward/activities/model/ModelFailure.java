package dev.steward.activities.model;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a failed model call means for the chain: wait and retry, try the next model, try a model
 * with a larger context, or give up because no retry can help.
 *
 * @param retryAfter the provider's Retry-After on a 429, else null
 */
public record ModelFailure(Kind kind, String reason, Duration retryAfter) {

  public enum Kind {
    /** 429: wait out a short Retry-After, else the next model. */
    RATE_LIMITED,
    /** Timeout, 5xx, unreachable, unreadable answer: the next model, then Temporal's retry. */
    TRANSIENT,
    /** The answer came but is not the JSON asked for, or its stream fell short: the next model. */
    MALFORMED_OUTPUT,
    /** The prompt does not fit: a model with a larger context, if the chain has one. */
    CONTEXT_TOO_LONG,
    /** Authentication, unknown model, invalid request, refused content: no retry can help. */
    REJECTED
  }

  private static final Pattern CONTEXT_TOO_LONG =
      Pattern.compile(
          "context_length_exceeded|context length|context window|maximum context"
              + "|prompt is too long|too many tokens|input is too long|exceeds the context",
          Pattern.CASE_INSENSITIVE);

  public static ModelFailure malformed(String reason) {
    return new ModelFailure(Kind.MALFORMED_OUTPUT, reason, null);
  }

  public static ModelFailure of(Throwable error) {
    IncompleteStreamException incomplete = find(error, IncompleteStreamException.class);
    if (incomplete != null) {
      return malformed(message(incomplete));
    }
    HttpException http = find(error, HttpException.class);
    String detail = message(http != null ? http : error);
    if (http != null) {
      return ofStatus(http.statusCode(), detail, http);
    }
    if (CONTEXT_TOO_LONG.matcher(detail).find()) {
      return new ModelFailure(Kind.CONTEXT_TOO_LONG, "context too long: " + detail, null);
    }
    if (find(error, RateLimitException.class) != null) {
      return new ModelFailure(Kind.RATE_LIMITED, "rate limited: " + detail, null);
    }
    if (find(error, AuthenticationException.class) != null) {
      return rejected("authentication failed: " + detail);
    }
    if (find(error, ModelNotFoundException.class) != null) {
      return rejected("model not found: " + detail);
    }
    if (find(error, ContentFilteredException.class) != null) {
      return rejected("content refused by the provider: " + detail);
    }
    if (find(error, InvalidRequestException.class) != null) {
      return rejected("invalid request: " + detail);
    }
    if (find(error, dev.langchain4j.exception.TimeoutException.class) != null
        || find(error, java.net.http.HttpTimeoutException.class) != null) {
      return new ModelFailure(Kind.TRANSIENT, "timed out: " + detail, null);
    }
    // Unreachable servers, 5xx mapped by a provider, and answers the client could not parse (a
    // truncated body) are all worth another model and, later, another attempt.
    return new ModelFailure(Kind.TRANSIENT, detail, null);
  }

  private static ModelFailure ofStatus(int status, String detail, HttpException http) {
    String reason = "HTTP " + status + ": " + detail;
    if (status == 429) {
      Duration retryAfter = http instanceof ProviderHttpException p ? p.retryAfter() : null;
      return new ModelFailure(Kind.RATE_LIMITED, reason, retryAfter);
    }
    if (status == 408 || status >= 500) {
      return new ModelFailure(Kind.TRANSIENT, reason, null);
    }
    if (CONTEXT_TOO_LONG.matcher(detail).find()) {
      return new ModelFailure(Kind.CONTEXT_TOO_LONG, "context too long: " + reason, null);
    }
    if (status == 401 || status == 403) {
      return rejected("authentication failed: " + reason);
    }
    if (status == 404) {
      return rejected("model or endpoint not found: " + reason);
    }
    return rejected("invalid request: " + reason);
  }

  private static ModelFailure rejected(String reason) {
    return new ModelFailure(Kind.REJECTED, reason, null);
  }

  static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String message(Throwable error) {
    String m = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    m = m.strip().replaceAll("\\s+", " ");
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  /** Short text for a log line or a metric. */
  public String describe() {
    return kind.name().toLowerCase(Locale.ROOT) + ": " + reason;
  }
}
