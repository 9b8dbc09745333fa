package dev.steward.activities.validation;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a sentence that carry its facts, for lexical overlap: lower-cased, crudely stemmed
 * ("refunds", "refunded" → "refund"), without stop words; numbers apart and normalised ("5.00",
 * "five" → "5"), since an embedding barely tells "3 days" from "5–7 days" and a number is the fact
 * most worth checking exactly.
 */
record ContentWords(Set<String> words, Set<String> numbers) {

  private static final Pattern TOKEN = Pattern.compile("\\d+(?:[.,]\\d+)*|\\p{L}+");

  /**
   * Number words a sentence may use for what a passage writes in digits; "one" is too ambiguous.
   */
  private static final Map<String, String> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("two", "2"),
          Map.entry("three", "3"),
          Map.entry("four", "4"),
          Map.entry("five", "5"),
          Map.entry("six", "6"),
          Map.entry("seven", "7"),
          Map.entry("eight", "8"),
          Map.entry("nine", "9"),
          Map.entry("ten", "10"),
          Map.entry("eleven", "11"),
          Map.entry("twelve", "12"),
          Map.entry("fourteen", "14"),
          Map.entry("fifteen", "15"),
          Map.entry("twenty", "20"),
          Map.entry("thirty", "30"),
          Map.entry("sixty", "60"),
          Map.entry("ninety", "90"));

  private static final Set<String> STOP_WORDS =
      Set.of(
          "a",
          "about",
          "above",
          "after",
          "again",
          "all",
          "also",
          "am",
          "an",
          "and",
          "any",
          "are",
          "as",
          "at",
          "be",
          "because",
          "been",
          "before",
          "being",
          "below",
          "between",
          "both",
          "but",
          "by",
          "can",
          "could",
          "did",
          "do",
          "does",
          "doing",
          "down",
          "during",
          "each",
          "few",
          "for",
          "from",
          "further",
          "had",
          "has",
          "have",
          "having",
          "he",
          "her",
          "here",
          "hers",
          "him",
          "his",
          "how",
          "i",
          "if",
          "in",
          "into",
          "is",
          "it",
          "its",
          "itself",
          "just",
          "may",
          "me",
          "might",
          "more",
          "most",
          "must",
          "my",
          "of",
          "off",
          "on",
          "once",
          "only",
          "or",
          "other",
          "our",
          "ours",
          "out",
          "over",
          "own",
          "same",
          "shall",
          "she",
          "should",
          "so",
          "some",
          "such",
          "than",
          "that",
          "the",
          "their",
          "theirs",
          "them",
          "then",
          "there",
          "these",
          "they",
          "this",
          "those",
          "through",
          "to",
          "too",
          "under",
          "until",
          "up",
          "us",
          "very",
          "was",
          "we",
          "were",
          "what",
          "when",
          "where",
          "which",
          "while",
          "who",
          "whom",
          "why",
          "will",
          "with",
          "within",
          "would",
          "you",
          "your",
          "yours",
          "yourself",
          "s",
          "t",
          "ll",
          "re",
          "ve",
          "d",
          "m");

  static ContentWords of(String text) {
    Set<String> words = new LinkedHashSet<>();
    Set<String> numbers = new LinkedHashSet<>();
    Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String token = m.group();
      if (Character.isDigit(token.charAt(0))) {
        numbers.add(normaliseNumber(token));
      } else if (NUMBER_WORDS.containsKey(token)) {
        numbers.add(NUMBER_WORDS.get(token));
      } else if (!STOP_WORDS.contains(token)) {
        words.add(stem(token));
      }
    }
    return new ContentWords(Set.copyOf(words), Set.copyOf(numbers));
  }

  boolean isEmpty() {
    return words.isEmpty() && numbers.isEmpty();
  }

  /** "1,000" and "1000", "6.90" and "6.9" are the same number. */
  static String normaliseNumber(String token) {
    String plain = token.matches("\\d{1,3}(,\\d{3})+(\\.\\d+)?") ? token.replace(",", "") : token;
    try {
      return new BigDecimal(plain.replace(',', '.')).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return plain;
    }
  }

  /** Strips common English inflections; enough to match "issued" to "issue", not a real stemmer. */
  private static String stem(String word) {
    if (word.length() <= 3) {
      return word;
    }
    if (word.endsWith("ies") && word.length() > 4) {
      return word.substring(0, word.length() - 3) + "y";
    }
    for (String suffix : new String[] {"ing", "ed", "es", "s"}) {
      if (word.endsWith(suffix) && !word.endsWith("ss") && word.length() - suffix.length() >= 3) {
        word = word.substring(0, word.length() - suffix.length());
        int n = word.length();
        if ((suffix.equals("ing") || suffix.equals("ed"))
            && word.charAt(n - 1) == word.charAt(n - 2)
            && "lsz".indexOf(word.charAt(n - 1)) < 0) {
          word = word.substring(0, n - 1); // shipping, shipped -> ship
        }
        break;
      }
    }
    return word.endsWith("e") && word.length() > 3 ? word.substring(0, word.length() - 1) : word;
  }
}
