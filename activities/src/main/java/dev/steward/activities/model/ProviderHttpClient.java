package dev.steward.activities.model;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The HTTP client of every provider's model, on the JDK's client: an error answer keeps its {@code
 * Retry-After} header (as {@link ProviderHttpException}) so that a 429 can be honoured, and a
 * stream that falls short says so ({@link IncompleteStreamException}) instead of looking complete.
 */
final class ProviderHttpClient implements HttpClient {

  private final java.net.http.HttpClient http;
  private final Duration readTimeout;
  private final String streamEnd;

  private ProviderHttpClient(Builder builder) {
    this.http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(builder.connectTimeout)
            // Plain-http local servers (Ollama, llama.cpp) need not understand an h2c upgrade.
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    this.readTimeout = builder.readTimeout;
    this.streamEnd = builder.streamEnd;
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(jdkRequest(request), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new TimeoutException(e);
    } catch (IOException e) {
      throw new ProviderUnreachableException(request.url(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderUnreachableException(request.url(), e);
    }
    if (!successful(response)) {
      throw new ProviderHttpException(
          response.statusCode(), response.body(), retryAfter(response.headers()));
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(response.statusCode())
        .headers(response.headers().map())
        .body(response.body())
        .build();
  }

  /**
   * Streams server-sent events, on the calling thread. Failures before the stream opens are the
   * same exceptions as a plain call's (a 429 keeps its Retry-After); once it is open, every end but
   * the end marker (when one is set) is an {@link IncompleteStreamException}: a broken connection,
   * no data for the read timeout, or a close without the marker.
   */
  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    HttpResponse<InputStream> response;
    try {
      response = http.send(jdkRequest(request), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      listener.onError(new TimeoutException(e));
      return;
    } catch (IOException e) {
      listener.onError(new ProviderUnreachableException(request.url(), e));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      listener.onError(new ProviderUnreachableException(request.url(), e));
      return;
    }
    if (!successful(response)) {
      listener.onError(
          new ProviderHttpException(
              response.statusCode(), readAll(response.body()), retryAfter(response.headers())));
      return;
    }
    listener.onOpen(
        SuccessfulHttpResponse.builder()
            .statusCode(response.statusCode())
            .headers(response.headers().map())
            .build());
    WatchedStream stream = new WatchedStream(listener, streamEnd, readTimeout);
    try (InputStream body = response.body()) {
      Thread watch = stream.closeWhenIdle(body);
      try {
        parser.parse(body, stream);
      } finally {
        watch.interrupt();
      }
    } catch (IOException closeFailed) {
      // the events are all read; a failure to close the connection changes nothing
    }
    stream.end();
  }

  private java.net.http.HttpRequest jdkRequest(HttpRequest request) {
    java.net.http.HttpRequest.Builder jdk =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
            .timeout(readTimeout)
            .method(
                request.method().name(),
                request.body() == null
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
    request.headers().forEach((name, values) -> values.forEach(v -> jdk.header(name, v)));
    return jdk.build();
  }

  private static boolean successful(HttpResponse<?> response) {
    return response.statusCode() >= 200 && response.statusCode() < 300;
  }

  private static String readAll(InputStream body) {
    try (body) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(body unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Passes events on and turns the ways a stream can fall short into one {@link
   * IncompleteStreamException}, reported once; nothing is passed on after it.
   */
  private static final class WatchedStream implements ServerSentEventListener {
    private final ServerSentEventListener listener;
    private final String endMarker;
    private final Duration idleTimeout;
    private volatile long lastEventNanos = System.nanoTime();
    private volatile boolean idle;
    private boolean ended;
    private boolean failed;

    WatchedStream(ServerSentEventListener listener, String endMarker, Duration idleTimeout) {
      this.listener = listener;
      this.endMarker = endMarker;
      this.idleTimeout = idleTimeout;
    }

    /** Closes {@code body} once no event came for the read timeout, which ends a blocked read. */
    Thread closeWhenIdle(InputStream body) {
      return Thread.ofVirtual()
          .name("provider-stream-watch")
          .start(() -> {
            try {
              long left;
              while ((left = idleTimeout.toNanos() - (System.nanoTime() - lastEventNanos)) > 0) {
                Thread.sleep(Duration.ofNanos(left));
              }
              idle = true;
              body.close();
            } catch (InterruptedException | IOException stopped) {
              // the stream ended first
            }
          });
    }

    @Override
    public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
      lastEventNanos = System.nanoTime();
      if (failed || ended) {
        return;
      }
      if (endMarker != null && endMarker.equals(event.data())) {
        ended = true;
      }
      listener.onEvent(event, context);
    }

    @Override
    public void onError(Throwable error) {
      fail(
          idle
              ? "no data for " + idleTimeout.toMillis() + " ms"
              : "the stream broke: " + error.getMessage(),
          error);
    }

    /** After the parser returned: a clean close, or a stream that stopped short. */
    void end() {
      if (failed) {
        return;
      }
      if (endMarker != null && !ended) {
        fail("the stream ended without " + endMarker, null);
        return;
      }
      listener.onClose();
    }

    /** Once the end marker came, the reply is whole: a later broken connection changes nothing. */
    private void fail(String reason, Throwable cause) {
      if (!failed && !ended) {
        failed = true;
        listener.onError(new IncompleteStreamException(reason, cause));
      }
    }
  }

  /** Retry-After in seconds or as an HTTP date; OpenAI's retry-after-ms when present. */
  static Duration retryAfter(java.net.http.HttpHeaders headers) {
    Optional<String> millis = headers.firstValue("retry-after-ms");
    if (millis.isPresent()) {
      try {
        return Duration.ofMillis((long) Double.parseDouble(millis.get().strip()));
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    return headers.firstValue("retry-after").map(ProviderHttpClient::parseRetryAfter).orElse(null);
  }

  static Duration parseRetryAfter(String value) {
    String v = value.strip();
    try {
      return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  /** Builds {@link ProviderHttpClient}s; the model builders set its timeouts. */
  static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private String streamEnd;

    /** The data of the event that ends a complete stream, e.g. OpenAI's {@code [DONE]}. */
    Builder streamEnd(String marker) {
      this.streamEnd = marker;
      return this;
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      if (timeout != null) {
        this.connectTimeout = timeout;
      }
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      if (timeout != null) {
        this.readTimeout = timeout;
      }
      return this;
    }

    @Override
    public HttpClient build() {
      return new ProviderHttpClient(this);
    }
  }

  /** The provider could not be reached at all (connection refused, reset, DNS). */
  static final class ProviderUnreachableException extends RuntimeException {
    ProviderUnreachableException(String url, Exception cause) {
      super("cannot reach " + url + ": " + cause, cause);
    }
  }
}
