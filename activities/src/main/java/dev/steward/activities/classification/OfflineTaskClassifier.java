package dev.steward.activities.classification;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.steward.activities.reasoning.OfflineDraftModel;
import dev.steward.tasktypes.TaskTypeDefinition;
import dev.steward.workflows.task.ClassificationTypes.ClassificationRequest;
import dev.steward.workflows.task.ClassificationTypes.Complexity;
import dev.steward.workflows.task.ClassificationTypes.Risk;
import dev.steward.workflows.task.ClassificationTypes.TaskClassification;
import dev.steward.workflows.task.ModelCall;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The classifier used when no provider is configured: the label of the closest of a few short
 * labelled exemplars (all-MiniLM embeddings, cosine similarity). Deterministic, and labelled {@code
 * offline} in its model call.
 */
@Component
public class OfflineTaskClassifier implements TaskClassifier {

  public static final String MODEL = "offline-exemplar-minilm";

  private static final Map<Complexity, List<String>> COMPLEXITY_EXEMPLARS =
      Map.of(
          Complexity.SIMPLE,
          List.of(
              "How long does shipping take?",
              "What is your return window?",
              "Do you ship to Canada?",
              "How do I reset my password?",
              "What payment methods do you accept?",
              "Where can I find my order number?"),
          Complexity.COMPLEX,
          List.of(
              "I was charged twice, one parcel arrived damaged and the other never came; I want a"
                  + " refund for both and for the shipping.",
              "The replacement sent under warranty broke as well, I bought accessories separately"
                  + " and returned half of the set; what am I owed?",
              "My order was split across three shipments with different delivery dates, one was"
                  + " returned to sender, and a coupon was applied to only part of it.",
              "I changed my address after ordering, the courier lost the box, and the gift card I"
                  + " paid with has expired since."));

  private static final Map<Risk, List<String>> RISK_EXEMPLARS =
      Map.of(
          Risk.LOW,
          List.of(
              "How long does shipping take?",
              "What are your opening hours?",
              "Can I change the colour of my order before it ships?",
              "Which sizes does this jacket come in?",
              "How do I track my parcel?"),
          Risk.HIGH,
          List.of(
              "I want a full refund of my money for this damaged item.",
              "Someone logged into my account and placed orders with my card.",
              "I will dispute the charge with my bank and contact a lawyer.",
              "The heater overheated and burned my hand.",
              "Refund the order total to my credit card now."));

  private final EmbeddingModel embeddings;
  private final TokenCountEstimator tokens;
  private final Supplier<Map<Complexity, List<Embedding>>> complexity;
  private final Supplier<Map<Risk, List<Embedding>>> risk;

  public OfflineTaskClassifier(EmbeddingModel embeddings, TokenCountEstimator tokens) {
    this.embeddings = embeddings;
    this.tokens = tokens;
    this.complexity = memoize(() -> embedAll(COMPLEXITY_EXEMPLARS));
    this.risk = memoize(() -> embedAll(RISK_EXEMPLARS));
  }

  @Override
  public TaskClassification classify(TaskTypeDefinition type, ClassificationRequest request) {
    long started = System.nanoTime();
    String text = TaskClassifier.describe(request);
    Embedding input = embeddings.embed(text.isBlank() ? "empty" : text).content();
    Nearest<Complexity> c = nearest(input, complexity.get());
    Nearest<Risk> r = nearest(input, risk.get());
    String rationale =
        String.format(
            Locale.ROOT,
            "offline exemplar match: %s (similarity %.2f), %s risk (similarity %.2f)",
            c.label().name().toLowerCase(Locale.ROOT),
            c.similarity(),
            r.label().name().toLowerCase(Locale.ROOT),
            r.similarity());
    long millis = (System.nanoTime() - started) / 1_000_000;
    ModelCall call =
        new ModelCall(
            STEP,
            OfflineDraftModel.PROVIDER,
            MODEL,
            tokens.estimateTokenCountInText(text),
            0,
            0.0,
            millis);
    return new TaskClassification(c.label(), r.label(), rationale, call);
  }

  private record Nearest<L>(L label, double similarity) {}

  private static <L extends Enum<L>> Nearest<L> nearest(
      Embedding input, Map<L, List<Embedding>> exemplars) {
    Nearest<L> best = null;
    // Iterate labels in declaration order so that ties resolve the same way every time.
    for (Map.Entry<L, List<Embedding>> entry :
        exemplars.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      for (Embedding e : entry.getValue()) {
        double s = CosineSimilarity.between(input, e);
        if (best == null || s > best.similarity()) {
          best = new Nearest<>(entry.getKey(), s);
        }
      }
    }
    return best;
  }

  private <L> Map<L, List<Embedding>> embedAll(Map<L, List<String>> exemplars) {
    Map<L, List<Embedding>> out = new java.util.HashMap<>();
    exemplars.forEach((label, texts) ->
        out.put(
            label, embeddings.embedAll(texts.stream().map(TextSegment::from).toList()).content()));
    return Map.copyOf(out);
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T v = value;
        if (v == null) {
          synchronized (this) {
            v = value;
            if (v == null) {
              v = supplier.get();
              value = v;
            }
          }
        }
        return v;
      }
    };
  }
}
