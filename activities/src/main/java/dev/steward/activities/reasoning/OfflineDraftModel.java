package dev.steward.activities.reasoning;

import dev.langchain4j.data.document.splitter.DocumentBySentenceSplitter;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.steward.tasktypes.TaskTypeDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model used when no provider is configured: deterministic and honest about what it is. It
 * answers extractively, choosing the retrieved sentences closest in meaning to the question
 * (all-MiniLM embeddings), cites the passages they came from, picks enum values by embedding
 * similarity, and copies numbers from like-named input fields. It never invents text.
 */
@Component
public class OfflineDraftModel implements DraftModel {

  public static final String PROVIDER = "offline";
  public static final String MODEL = "offline-extractive-minilm";

  private static final int MAX_SENTENCES = 3;

  /** Sentences this far below the best one are not worth quoting. */
  private static final double MAX_GAP_FROM_BEST = 0.15;

  private static final int MIN_WORDS = 4;

  /** What an extractive model can honestly say when it was given nothing to extract from. */
  static final String NO_EVIDENCE =
      "No passage was available to answer from, so this reply is not grounded in the knowledge"
          + " base.";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final EmbeddingModel embeddings;
  private final DocumentBySentenceSplitter sentenceSplitter =
      new DocumentBySentenceSplitter(10_000, 0);

  public OfflineDraftModel(EmbeddingModel embeddings) {
    this.embeddings = embeddings;
  }

  @Override
  public Draft draft(DraftContext context) {
    List<Evidence> chosen = choose(rank(context.query(), context.passages()));
    String text =
        chosen.isEmpty()
            ? NO_EVIDENCE
            : chosen.stream().map(Evidence::sentence).collect(Collectors.joining(" "));
    List<String> citations = chosen.stream().map(Evidence::chunkId).distinct().toList();
    double confidence = chosen.isEmpty() ? 0 : Math.max(0, chosen.getFirst().similarity());
    Map<String, Object> output =
        fill(context.type(), context.input(), context.query(), text, citations, confidence);
    return new Draft(output, PROVIDER, MODEL, JSON.writeValueAsString(output));
  }

  private List<Evidence> rank(String query, List<Passage> passages) {
    List<Evidence> candidates = new ArrayList<>();
    // Overlapping chunks repeat sentences; each is quoted once, from its first passage.
    Set<String> seen = new HashSet<>();
    for (Passage passage : passages) {
      for (String sentence : sentencesOf(passage.text())) {
        if (seen.add(sentence)) {
          candidates.add(new Evidence(passage.chunkId(), sentence, 0));
        }
      }
    }
    if (candidates.isEmpty() || query.isBlank()) {
      return List.of();
    }
    Embedding question = embeddings.embed(query).content();
    List<Embedding> vectors =
        embeddings
            .embedAll(candidates.stream().map(e -> TextSegment.from(e.sentence())).toList())
            .content();
    List<Evidence> scored = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Evidence e = candidates.get(i);
      scored.add(
          new Evidence(
              e.chunkId(), e.sentence(), CosineSimilarity.between(question, vectors.get(i))));
    }
    scored.sort(Comparator.comparingDouble(Evidence::similarity).reversed());
    return scored;
  }

  private static List<Evidence> choose(List<Evidence> ranked) {
    if (ranked.isEmpty()) {
      return List.of();
    }
    double best = ranked.getFirst().similarity();
    return ranked.stream()
        .filter(e -> e.similarity() >= best - MAX_GAP_FROM_BEST)
        .limit(MAX_SENTENCES)
        .toList();
  }

  /** Prose sentences of a Markdown passage: headings and list markers are not quoted. */
  private List<String> sentencesOf(String markdown) {
    String prose =
        markdown
            .lines()
            .filter(line -> !line.stripLeading().startsWith("#"))
            .map(line -> line.replaceFirst("^\\s*([-*]|\\d+\\.)\\s+", ""))
            .map(line -> line.replace("**", "").replace("`", ""))
            .collect(Collectors.joining(" "));
    List<String> out = new ArrayList<>();
    for (String sentence : sentenceSplitter.split(prose)) {
      String s = sentence.strip();
      if (s.split("\\s+").length >= MIN_WORDS) {
        out.add(s);
      }
    }
    return out;
  }

  private Map<String, Object> fill(
      TaskTypeDefinition type,
      Map<String, Object> input,
      String query,
      String text,
      List<String> citations,
      double confidence) {
    Map<String, Object> output = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : type.outputSchema().get("properties").properties()) {
      String name = field.getKey();
      JsonNode schema = field.getValue();
      if (name.equals(TaskTypeDefinition.CITATIONS_FIELD)) {
        output.put(name, citations);
      } else if (schema.has("enum")) {
        output.put(name, closestEnumValue(schema.get("enum"), query + " " + text));
      } else if (isType(schema, "string")) {
        output.put(name, text);
      } else if (isType(schema, "number") || isType(schema, "integer")) {
        output.put(name, number(name, schema, input, confidence));
      }
    }
    return output;
  }

  private String closestEnumValue(JsonNode values, String evidence) {
    Embedding target = embeddings.embed(evidence.isBlank() ? "none" : evidence).content();
    String best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (JsonNode value : values) {
      String label = value.asString();
      double score =
          CosineSimilarity.between(target, embeddings.embed(label.replace('_', ' ')).content());
      if (score > bestScore) {
        bestScore = score;
        best = label;
      }
    }
    return best;
  }

  /**
   * A number field takes the input field of the same name, else the input number whose name ends in
   * the same word (refundAmount from requestedAmount); "confidence" is the evidence similarity.
   */
  private static Number number(
      String name, JsonNode schema, Map<String, Object> input, double confidence) {
    double value;
    if (input.get(name) instanceof Number n) {
      value = n.doubleValue();
    } else if (name.equalsIgnoreCase("confidence")) {
      value = confidence;
    } else {
      String suffix = lastWord(name);
      value =
          input.entrySet().stream()
              .filter(e -> e.getValue() instanceof Number && lastWord(e.getKey()).equals(suffix))
              .map(e -> ((Number) e.getValue()).doubleValue())
              .findFirst()
              .orElse(schema.has("minimum") ? schema.get("minimum").asDouble() : 0);
    }
    if (schema.has("minimum")) {
      value = Math.max(value, schema.get("minimum").asDouble());
    }
    if (schema.has("maximum")) {
      value = Math.min(value, schema.get("maximum").asDouble());
    }
    return isType(schema, "integer") ? (Number) Math.round(value) : (Number) value;
  }

  private static String lastWord(String camelCase) {
    String[] words = camelCase.split("(?<=[a-z0-9])(?=[A-Z])");
    return words[words.length - 1].toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean isType(JsonNode schema, String type) {
    return schema.has("type") && type.equals(schema.get("type").asString());
  }

  private record Evidence(String chunkId, String sentence, double similarity) {}
}
