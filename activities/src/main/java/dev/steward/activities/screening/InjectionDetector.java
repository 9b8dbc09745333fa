package dev.steward.activities.screening;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Scores how much a text reads like a prompt injection: named rules first, then the text's
 * similarity to known attack patterns by sentence embeddings. Long text is cut into windows of a
 * few sentences, since an attack is often one paragraph inside otherwise ordinary text, and the
 * highest window counts.
 */
public final class InjectionDetector {

  /** About 60 WordPiece tokens: long enough for one attack sentence, short enough to stay sharp. */
  public static final int WINDOW_CHARS = 280;

  /**
   * Windows embedded at most, so a long input costs a bounded time (each costs a few milliseconds
   * of CPU); beyond it, the windows with the most limit-lifting words are chosen.
   */
  public static final int MAX_WINDOWS = 4;

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？])\\s+|\\n+");

  private final EmbeddingModel embeddings;
  private final float[][] exemplars;

  /** Embeds {@code exemplars} once; the detector is then safe to share between threads. */
  public InjectionDetector(EmbeddingModel embeddings, List<String> exemplars) {
    if (exemplars.isEmpty()) {
      throw new IllegalArgumentException("no injection exemplars");
    }
    this.embeddings = embeddings;
    this.exemplars =
        embeddings.embedAll(exemplars.stream().map(TextSegment::from).toList()).content().stream()
            .map(e -> unit(e.vector()))
            .toArray(float[][]::new);
  }

  /** A detector over the bundled exemplars. */
  public static InjectionDetector withBundledExemplars(EmbeddingModel embeddings) {
    return new InjectionDetector(embeddings, InjectionExemplars.bundled());
  }

  /**
   * The rule that fires on {@code text}, or else its highest similarity to an exemplar. A rule hit
   * is certain, and its score is 1 without embedding anything.
   */
  public InjectionAssessment assess(String text) {
    if (text.isBlank()) {
      return new InjectionAssessment(0.0, null);
    }
    Optional<String> rule = InjectionRules.firstMatch(text);
    if (rule.isPresent()) {
      return new InjectionAssessment(1.0, rule.get());
    }
    List<TextSegment> windows = windows(text).stream().map(TextSegment::from).toList();
    double best = 0.0;
    for (Embedding window : embeddings.embedAll(windows).content()) {
      best = Math.max(best, nearest(unit(window.vector())));
    }
    return new InjectionAssessment(best, null);
  }

  private double nearest(float[] vector) {
    double best = -1.0;
    for (float[] exemplar : exemplars) {
      double dot = 0.0;
      for (int i = 0; i < vector.length; i++) {
        dot += vector[i] * exemplar[i];
      }
      best = Math.max(best, dot);
    }
    return Math.max(0.0, best);
  }

  /** Consecutive sentences joined up to {@link #WINDOW_CHARS}; a longer sentence is cut. */
  static List<String> windows(String text) {
    List<String> windows = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String sentence : SENTENCE_END.split(text.strip())) {
      String s = sentence.strip();
      while (s.length() > WINDOW_CHARS) {
        flush(current, windows);
        int cut = s.lastIndexOf(' ', WINDOW_CHARS);
        cut = cut < WINDOW_CHARS / 2 ? WINDOW_CHARS : cut;
        windows.add(s.substring(0, cut));
        s = s.substring(cut).strip();
      }
      if (current.length() > 0 && current.length() + 1 + s.length() > WINDOW_CHARS) {
        flush(current, windows);
      }
      if (!s.isEmpty()) {
        current.append(current.length() > 0 ? " " : "").append(s);
      }
    }
    flush(current, windows);
    if (windows.size() <= MAX_WINDOWS) {
      return windows;
    }
    // The windows with the most limit-lifting words, so an attack inside long text is still
    // looked at; the other places go to windows spread evenly over the text.
    List<Integer> byCues =
        java.util.stream.IntStream.range(0, windows.size())
            .filter(i -> InjectionRules.limitLifting(windows.get(i)) > 0)
            .boxed()
            .sorted(
                java.util.Comparator.comparingInt(
                    (Integer i) -> -InjectionRules.limitLifting(windows.get(i))))
            .limit(MAX_WINDOWS)
            .toList();
    java.util.SortedSet<Integer> chosen = new java.util.TreeSet<>(byCues);
    for (int k = 0; chosen.size() < MAX_WINDOWS; k++) {
      chosen.add(k * windows.size() / MAX_WINDOWS);
      if (k >= MAX_WINDOWS) {
        chosen.add(k % windows.size());
      }
    }
    return chosen.stream().map(windows::get).toList();
  }

  private static void flush(StringBuilder current, List<String> windows) {
    if (current.length() > 0) {
      windows.add(current.toString());
      current.setLength(0);
    }
  }

  private static float[] unit(float[] v) {
    double norm = 0.0;
    for (float f : v) {
      norm += f * f;
    }
    float scale = norm == 0.0 ? 0f : (float) (1.0 / Math.sqrt(norm));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * scale;
    }
    return out;
  }

  /**
   * @param score highest similarity to a known attack pattern, 0..1; 1 when a rule fired
   * @param rule the name of the rule that fired, or null
   */
  public record InjectionAssessment(double score, String rule) {

    /** Whether input with this assessment is blocked at {@code threshold}. */
    public boolean blocks(double threshold) {
      return rule != null || score >= threshold;
    }
  }
}
