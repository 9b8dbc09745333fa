package dev.steward.activities.model;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A streaming model behind the {@link ChatModel} interface, so that the gateway treats it like any
 * other: the chunks are gathered into one reply whose token usage is the final usage chunk's. A
 * failure before the stream opens (HTTP status, timeout, unreachable) is thrown as it came; a
 * stream that opened and fell short is an {@link IncompleteStreamException} with the text received.
 */
final class StreamedChatModel implements ChatModel {

  private final StreamingChatModel streaming;
  private final Duration timeout;

  /**
   * @param timeout how long to wait for the whole reply; the HTTP client already ends a stream that
   *     goes quiet, so this only bounds a client that would never report back
   */
  StreamedChatModel(StreamingChatModel streaming, Duration timeout) {
    this.streaming = streaming;
    this.timeout = timeout;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    StringBuffer received = new StringBuffer();
    // LangChain4j may report an unreadable chunk and then, at the close, a completion: the first
    // report decides.
    CompletableFuture<ChatResponse> reply = new CompletableFuture<>();
    streaming.chat(
        request,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String text) {
            received.append(text);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            reply.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            reply.completeExceptionally(error);
          }
        });
    try {
      return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw failure(e.getCause(), received.toString());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IncompleteStreamException(
          "no complete reply within " + timeout.toMillis() + " ms", received.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IncompleteStreamException("interrupted", received.toString(), e);
    }
  }

  private static RuntimeException failure(Throwable error, String received) {
    IncompleteStreamException incomplete =
        ModelFailure.find(error, IncompleteStreamException.class);
    if (incomplete != null) {
      return new IncompleteStreamException(incomplete.getMessage(), received, error);
    }
    if (ModelFailure.find(error, HttpException.class) != null
        || ModelFailure.find(error, TimeoutException.class) != null
        || ModelFailure.find(error, ProviderHttpClient.ProviderUnreachableException.class)
            != null) {
      return error instanceof RuntimeException r ? r : new IllegalStateException(error);
    }
    // Anything else came from the open stream: a chunk LangChain4j could not read.
    return new IncompleteStreamException(
        "an unreadable chunk: " + error.getMessage(), received, error);
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return streaming.defaultRequestParameters();
  }

  @Override
  public ModelProvider provider() {
    return streaming.provider();
  }
}
