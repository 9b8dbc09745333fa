package dev.steward.activities.validation;

import dev.langchain4j.data.document.splitter.DocumentBySentenceSplitter;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Whether each sentence of a claim is supported by some sentence of the passages it cites. A
 * sentence's support is its best score over the passages' sentences, where a score blends meaning
 * (all-MiniLM cosine similarity) with wording (the share of the sentence's content words the
 * passage sentence contains), and is scaled down by the share of the sentence's numbers that
 * neither the passage sentence nor the task's input states.
 */
@Component
public class GroundingCheck {

  /** Key of the rarity of a term no passage sentence contains (not a word: it has a space). */
  private static final String UNSEEN = " unseen";

  /** Weight of the embedding similarity; the rest goes to content-word overlap. */
  static final double EMBEDDING_WEIGHT = 0.5;

  private final EmbeddingModel embeddings;
  private final DocumentBySentenceSplitter splitter = new DocumentBySentenceSplitter(10_000, 0);

  public GroundingCheck(EmbeddingModel embeddings) {
    this.embeddings = embeddings;
  }

  /**
   * @param claims texts whose sentences must be supported (e.g. an answer)
   * @param passages the cited passages' texts
   * @param inputValues the task's input values: a number stated there is not invented
   * @param threshold the support a sentence needs, 0..1
   */
  public Grounding check(
      List<String> claims, List<String> passages, Collection<?> inputValues, double threshold) {
    List<Sentence> claimed = new ArrayList<>();
    claims.forEach(text -> claimed.addAll(sentencesOf(text, false)));
    if (claimed.isEmpty()) {
      return new Grounding(List.of(), threshold);
    }
    List<Sentence> evidence = new ArrayList<>();
    passages.forEach(text -> evidence.addAll(sentencesOf(text, true)));
    Map<String, Double> rarity = rarity(evidence);
    Set<String> inputNumbers = new HashSet<>();
    for (Object value : inputValues) {
      inputNumbers.addAll(ContentWords.of(String.valueOf(value)).numbers());
    }

    List<TextSegment> segments = new ArrayList<>();
    claimed.forEach(s -> segments.add(TextSegment.from(s.text())));
    evidence.forEach(s -> segments.add(TextSegment.from(s.text())));
    List<Embedding> vectors = embeddings.embedAll(segments).content();

    List<SentenceSupport> supports = new ArrayList<>();
    for (int i = 0; i < claimed.size(); i++) {
      Sentence claim = claimed.get(i);
      double best = 0;
      String bestEvidence = null;
      for (int j = 0; j < evidence.size(); j++) {
        Sentence candidate = evidence.get(j);
        double similarity =
            CosineSimilarity.between(vectors.get(i), vectors.get(claimed.size() + j));
        double score =
            (EMBEDDING_WEIGHT * Math.max(0, similarity)
                    + (1 - EMBEDDING_WEIGHT) * overlap(claim.words(), candidate.words(), rarity))
                * numbersStated(claim.words(), candidate.words(), inputNumbers);
        if (score > best) {
          best = score;
          bestEvidence = candidate.text();
        }
      }
      supports.add(new SentenceSupport(claim.text(), Math.min(1, best), bestEvidence));
    }
    return new Grounding(supports, threshold);
  }

  /**
   * The share of the claim's content words and numbers that the evidence contains, each weighted by
   * its rarity among the passages' sentences: "refund" in a refund policy says little, "Bitcoin"
   * (found nowhere) a lot.
   */
  static double overlap(ContentWords claim, ContentWords evidence, Map<String, Double> rarity) {
    double total = 0;
    double found = 0;
    for (Set<String> terms : List.of(claim.words(), claim.numbers())) {
      for (String term : terms) {
        double weight = rarity.getOrDefault(term, rarity.getOrDefault(UNSEEN, 1.0));
        total += weight;
        if (evidence.words().contains(term) || evidence.numbers().contains(term)) {
          found += weight;
        }
      }
    }
    return total == 0 ? 1 : found / total;
  }

  /**
   * BM25's inverse document frequency of each term over the sentences, plus one for unseen terms.
   */
  private static Map<String, Double> rarity(List<Sentence> sentences) {
    Map<String, Integer> frequency = new HashMap<>();
    for (Sentence sentence : sentences) {
      sentence.words().words().forEach(w -> frequency.merge(w, 1, Integer::sum));
      sentence.words().numbers().forEach(n -> frequency.merge(n, 1, Integer::sum));
    }
    int n = sentences.size();
    Map<String, Double> rarity = new HashMap<>();
    frequency.forEach((term, df) -> rarity.put(term, Math.log(1 + (n - df + 0.5) / (df + 0.5))));
    rarity.put(UNSEEN, Math.log(1 + (n + 0.5) / 0.5));
    return rarity;
  }

  /**
   * The share of the claim's numbers stated by the evidence or the input: "3 days" against "5–7
   * business days" is 0, however close the sentences are in meaning.
   */
  static double numbersStated(ContentWords claim, ContentWords evidence, Set<String> input) {
    if (claim.numbers().isEmpty()) {
      return 1;
    }
    long stated =
        claim.numbers().stream()
            .filter(n -> evidence.numbers().contains(n) || input.contains(n))
            .count();
    return (double) stated / claim.numbers().size();
  }

  /**
   * Sentences of Markdown or plain text without heading and list markup: those of each line and,
   * with {@code runTogether}, those of the text's prose run together, since a list item often
   * finishes the sentence of the line before it (and that is how the offline model quotes it).
   */
  private List<Sentence> sentencesOf(String text, boolean runTogether) {
    Set<String> seen = new LinkedHashSet<>();
    if (text == null) {
      return List.of();
    }
    List<String> prose = new ArrayList<>();
    for (String line : text.split("\\R")) {
      boolean heading = line.stripLeading().startsWith("#");
      String cleaned =
          line.replaceFirst("^\\s*(#+|[-*>]|\\d+\\.)\\s+", "")
              .replace("**", "")
              .replace("`", "")
              .strip();
      if (!cleaned.isEmpty()) {
        seen.addAll(List.of(splitter.split(cleaned)));
        if (!heading) {
          prose.add(cleaned);
        }
      }
    }
    if (runTogether) {
      seen.addAll(List.of(splitter.split(String.join(" ", prose))));
    }
    List<Sentence> out = new ArrayList<>();
    for (String sentence : seen) {
      ContentWords words = ContentWords.of(sentence);
      if (!words.isEmpty()) {
        out.add(new Sentence(sentence.strip(), words));
      }
    }
    return out;
  }

  private record Sentence(String text, ContentWords words) {}

  /**
   * @param support the sentence's best score, 0..1
   * @param evidence the passage sentence that gave it, null when there was none
   */
  public record SentenceSupport(String sentence, double support, String evidence) {}

  /** The support of each claim sentence, in order, against the threshold it was held to. */
  public record Grounding(List<SentenceSupport> sentences, double threshold) {

    public List<SentenceSupport> unsupported() {
      return sentences.stream().filter(s -> s.support() < threshold).toList();
    }

    /** Mean support of the claim sentences; 1 when there were none to support. */
    public double score() {
      return sentences.stream().mapToDouble(SentenceSupport::support).average().orElse(1);
    }
  }
}
