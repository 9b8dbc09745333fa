package dev.steward.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A table printed as Markdown with aligned columns, so that results paste into notes as they are.
 */
final class MarkdownTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  MarkdownTable(String... header) {
    this.header = List.of(header);
  }

  MarkdownTable row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
    }
    rows.add(Arrays.stream(cells).map(MarkdownTable::text).toList());
    return this;
  }

  void print() {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    System.out.println(line(header, widths));
    StringBuilder rule = new StringBuilder("|");
    for (int width : widths) {
      rule.append("-".repeat(width + 2)).append('|');
    }
    System.out.println(rule);
    for (List<String> row : rows) {
      System.out.println(line(row, widths));
    }
  }

  /** Text left-aligned in the first column, everything else right-aligned. */
  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int c = 0; c < cells.size(); c++) {
      String format = c == 0 ? "%-" + widths[c] + "s" : "%" + widths[c] + "s";
      line.append(' ').append(String.format(Locale.ROOT, format, cells.get(c))).append(" |");
    }
    return line.toString();
  }

  /** Doubles with one decimal ({@code -} for NaN), anything else as it prints. */
  private static String text(Object cell) {
    if (cell instanceof Double d) {
      return d.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f", d);
    }
    return String.valueOf(cell);
  }

  /** A ratio such as {@code 0.42x}; {@code -} when either side is missing. */
  static String ratio(double a, double b) {
    double r = a / b;
    return Double.isNaN(r) || Double.isInfinite(r) ? "-" : String.format(Locale.ROOT, "%.2fx", r);
  }
}
