package dev.steward.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalChatServerTest {

  @Test
  void answersLangChain4jsOpenAiClientWithTheRespondersReplyAndItsUsage() throws Exception {
    try (LocalChatServer server =
        LocalChatServer.start(r -> r.model() + " says: " + r.system() + " / " + r.user())) {
      ChatModel client =
          OpenAiChatModel.builder()
              .baseUrl(server.baseUrl())
              .apiKey("none")
              .modelName("local-small")
              .maxRetries(0)
              .build();

      ChatResponse response =
          client.chat(SystemMessage.from("Be brief."), UserMessage.from("Hello there"));

      assertThat(response.aiMessage().text())
          .isEqualTo("local-small says: Be brief. / Hello there");
      // A quarter of the characters, rounded up: 9 and 11 characters in, 41 out.
      assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(3 + 3);
      assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(11);
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @Test
  void aResponderFailureIsAServerErrorTheClientSees() throws Exception {
    try (LocalChatServer server =
        LocalChatServer.start(r -> {
          throw new IllegalStateException("no answer today");
        })) {
      ChatModel client =
          OpenAiChatModel.builder()
              .baseUrl(server.baseUrl())
              .apiKey("none")
              .modelName("m")
              .maxRetries(0)
              .build();

      assertThatThrownBy(() -> client.chat(UserMessage.from("Hi")))
          .hasMessageContaining("no answer today");
    }
  }

  @Test
  void refusesABodyThatIsNotJson() throws Exception {
    try (LocalChatServer server = LocalChatServer.start(r -> "x")) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                      .POST(HttpRequest.BodyPublishers.ofString("{not json"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("invalid_request_error");
    }
  }

  @Test
  void namesItselfAsTheProviderOfBothTiers() throws Exception {
    try (LocalChatServer server = LocalChatServer.start(r -> "x")) {
      Map<String, Object> properties =
          server.springProperties(
              "local",
              Map.of("small", "local-small"),
              List.of(new LocalChatServer.Price("local-small", "0.15", "0.60")));

      assertThat(properties)
          .containsEntry("steward.models.providers.local.type", "openai-compatible")
          .containsEntry("steward.models.providers.local.base-url", server.baseUrl())
          .containsEntry("steward.models.tiers.small[0]", "local/local-small")
          .containsEntry("steward.models.prices[0].model", "local-small")
          .containsEntry("steward.models.prices[0].output-per-million", "0.60");
    }
  }
}
