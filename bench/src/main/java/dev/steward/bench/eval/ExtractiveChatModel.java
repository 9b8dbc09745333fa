package dev.steward.bench.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deterministic stand-in for a language model behind {@link LocalChatServer}, for evaluations
 * where no provider is reachable. It is not a language model and does not pretend to be one:
 *
 * <ul>
 *   <li>a draft prompt is answered by quoting the passage sentences that share the most content
 *       words with the question, citing the passages quoted, as {@code {"answer", "citations"}};
 *   <li>it obeys one instruction of the prompt, "at most N sentences" (3 when absent), so prompt
 *       versions that differ there answer differently;
 *   <li>a model whose name contains {@code strong} ranks the sentences of every passage; any other
 *       reads only the first (best-ranked) passage;
 *   <li>the classifier's triage prompt is answered "simple", "low".
 * </ul>
 */
public final class ExtractiveChatModel implements LocalChatServer.ChatResponder {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A passage header as Steward's prompt renders it: {@code [tenant:document#position] title}. */
  private static final Pattern HEADER =
      Pattern.compile("^\\[([^\\]\\s]+:[^\\]\\s]+#\\d+)\\] .*$", Pattern.MULTILINE);

  private static final Pattern QUESTION = Pattern.compile("(?m)^Question:\\s*");
  private static final Pattern LIMIT =
      Pattern.compile("at most (\\d+|one|two|three|four|five|six|seven|eight|nine|ten) sentences?");
  private static final List<String> NUMBERS =
      List.of("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> STOP_WORDS =
      Set.of(
          "the", "and", "for", "are", "but", "not", "you", "your", "can", "with", "this", "that",
          "what", "when", "how", "why", "does", "which", "who", "from", "into", "have", "has",
          "was", "were", "will", "would", "should", "could", "there", "their", "they", "them",
          "its", "use", "get", "any", "all", "our", "out", "about", "than", "then", "also");
  private static final int DEFAULT_LIMIT = 3;
  private static final int MIN_WORDS = 5;

  static final String TRIAGE =
      "{\"complexity\":\"simple\",\"risk\":\"low\","
          + "\"rationale\":\"The local extractive model does not judge; it always says simple.\"}";

  record Passage(String chunkId, String text) {}

  private record Sentence(int passage, int index, String text, int score) {}

  @Override
  public String reply(LocalChatServer.ChatRequest request) {
    if (request.system().contains("You triage")) {
      return TRIAGE;
    }
    String instructions = instructions(request.system(), request.user());
    List<Passage> passages = passages(request.user());
    if (passages.isEmpty()) {
      return JSON.writeValueAsString(
          Map.of("answer", "The passages do not answer this.", "citations", List.of()));
    }
    if (!request.model().contains("strong")) {
      passages = passages.subList(0, 1);
    }
    Set<String> question = words(question(request.user()));
    List<Sentence> ranked = new ArrayList<>();
    for (int p = 0; p < passages.size(); p++) {
      List<String> sentences = sentences(passages.get(p).text());
      for (int i = 0; i < sentences.size(); i++) {
        Set<String> shared = words(sentences.get(i));
        shared.retainAll(question);
        ranked.add(new Sentence(p, i, sentences.get(i), shared.size()));
      }
    }
    List<Sentence> chosen =
        ranked.stream()
            .filter(s -> s.score() > 0)
            .sorted(Comparator.comparingInt(Sentence::score).reversed())
            .limit(limit(instructions))
            .sorted(Comparator.comparingInt(Sentence::passage).thenComparingInt(Sentence::index))
            .toList();
    if (chosen.isEmpty() && !ranked.isEmpty()) {
      chosen = List.of(ranked.getFirst());
    }
    Set<String> citations = new LinkedHashSet<>();
    List<String> answer = new ArrayList<>();
    for (Sentence s : chosen) {
      answer.add(s.text());
      citations.add(passages.get(s.passage()).chunkId());
    }
    if (answer.isEmpty()) {
      answer.add("The passages do not answer this.");
    }
    return JSON.writeValueAsString(
        Map.of("answer", String.join(" ", answer), "citations", List.copyOf(citations)));
  }

  /** The passages in a rendered prompt, in order, each up to the next header or the question. */
  static List<Passage> passages(String user) {
    Matcher question = QUESTION.matcher(user);
    int end = user.length();
    while (question.find()) {
      end = question.start();
    }
    List<Passage> passages = new ArrayList<>();
    Matcher header = HEADER.matcher(user);
    String id = null;
    int bodyStart = 0;
    while (header.find() && header.start() < end) {
      if (id != null) {
        passages.add(new Passage(id, user.substring(bodyStart, header.start()).strip()));
      }
      id = header.group(1);
      bodyStart = header.end();
    }
    if (id != null) {
      passages.add(new Passage(id, user.substring(bodyStart, Math.max(bodyStart, end)).strip()));
    }
    return passages;
  }

  /**
   * The prompt without its passages, whose own text may say "at most two sentences" too: the system
   * message, and the user message before the first passage and from the question on.
   */
  static String instructions(String system, String user) {
    Matcher header = HEADER.matcher(user);
    if (!header.find()) {
      return system + "\n" + user;
    }
    Matcher question = QUESTION.matcher(user);
    int questionStart = user.length();
    while (question.find()) {
      questionStart = question.start();
    }
    return system
        + "\n"
        + user.substring(0, header.start())
        + "\n"
        + user.substring(Math.max(header.start(), questionStart));
  }

  /** The text after the prompt's last {@code Question:}; empty when there is none. */
  static String question(String user) {
    Matcher m = QUESTION.matcher(user);
    int start = -1;
    while (m.find()) {
      start = m.end();
    }
    return start < 0 ? "" : user.substring(start).strip();
  }

  /** The sentence limit the prompt sets, or {@link #DEFAULT_LIMIT}. */
  static int limit(String prompt) {
    Matcher m = LIMIT.matcher(prompt.toLowerCase(Locale.ROOT));
    if (!m.find()) {
      return DEFAULT_LIMIT;
    }
    String n = m.group(1);
    return Character.isDigit(n.charAt(0)) ? Integer.parseInt(n) : NUMBERS.indexOf(n) + 1;
  }

  /** Sentences of at least {@link #MIN_WORDS} words, line by line. */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\\R")) {
      for (String sentence : line.strip().split("(?<=[.!?])\\s+")) {
        String s = sentence.strip();
        if (WORD.matcher(s).results().count() >= MIN_WORDS) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static Set<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (w.length() >= 3 && !STOP_WORDS.contains(w)) {
        words.add(w);
      }
    }
    return words;
  }
}
