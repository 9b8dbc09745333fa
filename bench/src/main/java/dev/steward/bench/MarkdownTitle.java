package dev.steward.bench;

/**
 * A Markdown page's title: its front matter's {@code title:}, else its first {@code # } heading
 * outside code fences (where '#' starts shell comments), else the file name.
 */
final class MarkdownTitle {

  private static final int MAX_LENGTH = 500;

  private MarkdownTitle() {}

  static String of(String text, String fileName) {
    String[] lines = text.split("\r?\n", -1);
    int body = 0;
    if (lines.length > 0 && lines[0].strip().equals("---")) {
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.equals("---")) {
          body = i + 1;
          break;
        }
        if (line.startsWith("title:")) {
          String title = unquote(line.substring("title:".length()).strip());
          if (!title.isBlank()) {
            return clip(title);
          }
        }
      }
    }
    boolean inFence = false;
    for (int i = body; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("```") || line.startsWith("~~~")) {
        inFence = !inFence;
      } else if (!inFence && line.startsWith("# ")) {
        return clip(line.substring(2).strip());
      }
    }
    return clip(fileName);
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static String clip(String title) {
    return title.length() <= MAX_LENGTH ? title : title.substring(0, MAX_LENGTH);
  }
}
