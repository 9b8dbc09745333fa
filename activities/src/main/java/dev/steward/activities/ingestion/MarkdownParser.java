package dev.steward.activities.ingestion;

import dev.steward.store.document.DocumentFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.jsoup.Jsoup;
import org.springframework.stereotype.Component;

/**
 * Markdown and MDX by commonmark. MDX is Markdown plus front matter, {@code import}/{@code export}
 * lines and JSX: those are removed before parsing (outside code fences), so that what a JSX block
 * wraps is still read as Markdown; inline tags are dropped and HTML blocks keep only their text.
 */
@Component
class MarkdownParser implements DocumentParser {

  private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~).*");
  private static final Pattern MODULE_LINE = Pattern.compile("^(import|export)\\s.*");

  /** A line holding only tags: {@code <Callout type="info">}, {@code </Tabs>}, {@code <Img />}. */
  private static final Pattern TAG_LINE =
      Pattern.compile("^\\s*(</?[A-Za-z][\\w.:-]*(\\s[^<>]*)?/?>\\s*)+$");

  /** A line holding only a JSX expression, such as {@code {/* a comment *\/}}. */
  private static final Pattern EXPRESSION_LINE = Pattern.compile("^\\s*\\{.*}\\s*$");

  private final Parser parser = Parser.builder().build();
  private final TextContentRenderer renderer = TextContentRenderer.builder().build();

  @Override
  public DocumentFormat format() {
    return DocumentFormat.MARKDOWN;
  }

  @Override
  public ParsedDocument parse(String text, byte[] data) {
    Node document = parser.parse(withoutMdxSyntax(text == null ? "" : text));
    List<Node> inlineTags = new ArrayList<>();
    collectInlineHtml(document, inlineTags);
    inlineTags.forEach(Node::unlink);
    SectionCollector sections = new SectionCollector();
    for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
      if (block instanceof Heading heading) {
        sections.heading(heading.getLevel(), renderer.render(heading));
      } else if (block instanceof HtmlBlock html) {
        sections.block(Jsoup.parse(html.getLiteral()).text());
      } else {
        sections.block(renderer.render(block));
      }
    }
    return sections.finish();
  }

  static String withoutMdxSyntax(String text) {
    List<String> lines = new ArrayList<>(text.replace("\r\n", "\n").lines().toList());
    int start = 0;
    if (!lines.isEmpty() && lines.get(0).strip().equals("---")) {
      int end = lines.subList(1, lines.size()).indexOf("---");
      start = end < 0 ? 0 : end + 2;
    }
    StringBuilder out = new StringBuilder();
    boolean inFence = false;
    for (String line : lines.subList(start, lines.size())) {
      if (FENCE.matcher(line).matches()) {
        inFence = !inFence;
      } else if (!inFence
          && (MODULE_LINE.matcher(line).matches()
              || TAG_LINE.matcher(line).matches()
              || EXPRESSION_LINE.matcher(line).matches())) {
        line = "";
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static void collectInlineHtml(Node node, List<Node> found) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof HtmlInline) {
        found.add(child);
      } else {
        collectInlineHtml(child, found);
      }
    }
  }
}
