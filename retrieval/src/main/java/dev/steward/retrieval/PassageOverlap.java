package dev.steward.retrieval;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether one passage mostly repeats another: neighbouring chunks share their overlap window, and
 * the same text can be indexed under several documents. Measured on word 4-gram shingles.
 */
final class PassageOverlap {

  private static final int SHINGLE = 4;

  /** More than this share of a passage's shingles found in another makes it a repeat. */
  static final double MAX_SHARED = 0.5;

  private PassageOverlap() {}

  static boolean isMostlyContainedIn(String candidate, String selected) {
    Set<String> mine = shingles(candidate);
    if (mine.isEmpty()) {
      return candidate.strip().equalsIgnoreCase(selected.strip());
    }
    Set<String> theirs = shingles(selected);
    long shared = mine.stream().filter(theirs::contains).count();
    return (double) shared / mine.size() > MAX_SHARED;
  }

  private static Set<String> shingles(String text) {
    String[] words = text.toLowerCase(Locale.ROOT).split("\\W+");
    Set<String> out = new HashSet<>();
    for (int i = 0; i + SHINGLE <= words.length; i++) {
      out.add(String.join(" ", java.util.Arrays.copyOfRange(words, i, i + SHINGLE)));
    }
    return out;
  }
}
