package dev.steward.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.bench.eval.LocalChatServer.ChatRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ExtractiveChatModelTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String SYSTEM_FIVE =
      "You are a customer-support assistant. Reply with \"answer\" (plain text, at most five"
          + " sentences) and \"citations\".";
  private static final String SYSTEM_ONE =
      "You are a customer-support assistant. Answer in at most one sentence.";

  /** Rendered as Steward's PromptRenderer renders passages; the second passage mentions a limit. */
  private static final String USER =
      """
      Passages:
      [acme:shipping#0] Shipping
      Orders ship within two business days. Express delivery costs extra.

      [acme:refunds#1] Refunds
      Refunds are paid to the original card within ten business days of the return arriving.
      Write at most two sentences in a return note to the warehouse staff.
      A refund for a damaged item also covers the return postage.

      Question: How many business days until refunds are paid to my card?
      """;

  private final ExtractiveChatModel model = new ExtractiveChatModel();

  @Test
  void findsPassagesAndQuestionInARenderedPrompt() {
    List<ExtractiveChatModel.Passage> passages = ExtractiveChatModel.passages(USER);

    assertThat(passages)
        .extracting(ExtractiveChatModel.Passage::chunkId)
        .containsExactly("acme:shipping#0", "acme:refunds#1");
    assertThat(passages.get(1).text())
        .startsWith("Refunds are paid")
        .endsWith("covers the return postage.");
    assertThat(ExtractiveChatModel.question(USER))
        .isEqualTo("How many business days until refunds are paid to my card?");
  }

  @Test
  void takesTheSentenceLimitFromTheInstructionsNotFromThePassages() {
    assertThat(ExtractiveChatModel.limit(ExtractiveChatModel.instructions(SYSTEM_FIVE, USER)))
        .isEqualTo(5);
    assertThat(ExtractiveChatModel.limit(ExtractiveChatModel.instructions(SYSTEM_ONE, USER)))
        .isEqualTo(1);
    assertThat(ExtractiveChatModel.limit(ExtractiveChatModel.instructions("Be brief.", USER)))
        .isEqualTo(3);
  }

  @Test
  void aStrongModelQuotesTheBestSentencesOfAnyPassageAndCitesThem() {
    JsonNode reply = reply("local-strong", SYSTEM_ONE);

    assertThat(reply.path("answer").asString())
        .isEqualTo(
            "Refunds are paid to the original card within ten business days of the return"
                + " arriving.");
    assertThat(reply.path("citations").valueStream().map(JsonNode::asString))
        .containsExactly("acme:refunds#1");
  }

  @Test
  void aSmallModelReadsOnlyTheFirstPassage() {
    JsonNode reply = reply("local-small", SYSTEM_FIVE);

    assertThat(reply.path("answer").asString()).isEqualTo("Orders ship within two business days.");
    assertThat(reply.path("citations").valueStream().map(JsonNode::asString))
        .containsExactly("acme:shipping#0");
  }

  @Test
  void aLongerLimitQuotesMoreInPassageOrder() {
    String answer = reply("local-strong", SYSTEM_FIVE).path("answer").asString();

    assertThat(answer)
        .startsWith("Orders ship within two business days.")
        .contains("Refunds are paid to the original card");
  }

  @Test
  void answersTheTriagePromptWithoutJudging() {
    JsonNode reply =
        JSON.readTree(
            model.reply(new ChatRequest("local-small", "You triage business tasks.", "Task")));

    assertThat(reply.path("complexity").asString()).isEqualTo("simple");
    assertThat(reply.path("risk").asString()).isEqualTo("low");
  }

  private JsonNode reply(String modelName, String system) {
    return JSON.readTree(model.reply(new ChatRequest(modelName, system, USER)));
  }
}
