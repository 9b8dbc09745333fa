package dev.steward.activities.model;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The HTTP client of every provider's model: LangChain4j's JDK client, except that an error answer
 * keeps its {@code Retry-After} header (as {@link ProviderHttpException}) so that a 429 can be
 * honoured.
 */
final class ProviderHttpClient implements HttpClient {

  private final java.net.http.HttpClient http;
  private final Duration readTimeout;
  private final HttpClient streaming;

  private ProviderHttpClient(Builder builder) {
    this.http =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(builder.connectTimeout)
            // Plain-http local servers (Ollama, llama.cpp) need not understand an h2c upgrade.
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    this.readTimeout = builder.readTimeout;
    this.streaming =
        JdkHttpClient.builder()
            .connectTimeout(builder.connectTimeout)
            .readTimeout(builder.readTimeout)
            .build();
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    java.net.http.HttpRequest.Builder jdk =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
            .timeout(readTimeout)
            .method(
                request.method().name(),
                request.body() == null
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
    request.headers().forEach((name, values) -> values.forEach(v -> jdk.header(name, v)));
    HttpResponse<String> response;
    try {
      response = http.send(jdk.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new TimeoutException(e);
    } catch (IOException e) {
      throw new ProviderUnreachableException(request.url(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderUnreachableException(request.url(), e);
    }
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      throw new ProviderHttpException(
          response.statusCode(), response.body(), retryAfter(response.headers()));
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(response.statusCode())
        .headers(response.headers().map())
        .body(response.body())
        .build();
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    streaming.execute(request, parser, listener);
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
