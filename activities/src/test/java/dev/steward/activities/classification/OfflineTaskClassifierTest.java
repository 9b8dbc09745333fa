package dev.steward.activities.classification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.steward.tasktypes.TaskTypeRegistry;
import dev.steward.workflows.task.ClassificationTypes.ClassificationRequest;
import dev.steward.workflows.task.ClassificationTypes.Complexity;
import dev.steward.workflows.task.ClassificationTypes.Risk;
import dev.steward.workflows.task.ClassificationTypes.TaskClassification;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The offline classifier with the real embedding model: nearest labelled exemplar, repeatable. */
class OfflineTaskClassifierTest {

  private static OfflineTaskClassifier classifier;
  private final TaskTypeRegistry types = TaskTypeRegistry.bundled();

  @BeforeAll
  static void load() {
    classifier =
        new OfflineTaskClassifier(
            new AllMiniLmL6V2EmbeddingModel(), new HuggingFaceTokenCountEstimator());
  }

  @Test
  void aPlainQuestionIsSimpleAndLowRisk() {
    TaskClassification c = classify("support-answer", Map.of("question", "Do you ship to Canada?"));

    assertThat(c.complexity()).isEqualTo(Complexity.SIMPLE);
    assertThat(c.risk()).isEqualTo(Risk.LOW);
    assertThat(c.call().provider()).isEqualTo("offline");
    assertThat(c.call().costUsd()).isZero();
  }

  @Test
  void aTangledRefundDisputeIsComplexAndHighRisk() {
    TaskClassification c =
        classify(
            "support-answer",
            Map.of(
                "question",
                "I was charged twice for the kettle, the second parcel arrived broken and the"
                    + " first never came; I want my money back for both or I will dispute it with"
                    + " my bank."));

    assertThat(c.complexity()).isEqualTo(Complexity.COMPLEX);
    assertThat(c.risk()).isEqualTo(Risk.HIGH);
  }

  @Test
  void theSameInputGetsTheSameVerdict() {
    Map<String, Object> input = Map.of("question", "Can I pay with a gift card?");

    assertThat(classify("support-answer", input))
        .usingRecursiveComparison()
        .ignoringFields("call.latencyMillis")
        .isEqualTo(classify("support-answer", input));
  }

  private TaskClassification classify(String type, Map<String, Object> input) {
    return classifier.classify(
        types.get(type), new ClassificationRequest("acme.t-1", "acme", type, input));
  }
}
