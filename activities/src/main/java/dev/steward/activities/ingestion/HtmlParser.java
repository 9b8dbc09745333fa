package dev.steward.activities.ingestion;

import dev.steward.store.document.DocumentFormat;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;
import org.springframework.stereotype.Component;

/**
 * HTML by jsoup: the page's main content (its {@code <main>} or {@code <article>} if it has one),
 * without scripts, styles and navigation; h1-h6 open sections, block elements separate paragraphs.
 */
@Component
class HtmlParser implements DocumentParser {

  private static final String NOISE = "script, style, noscript, template, svg, nav, header, footer";

  @Override
  public DocumentFormat format() {
    return DocumentFormat.HTML;
  }

  @Override
  public ParsedDocument parse(String text, byte[] data) {
    Document page = Jsoup.parse(text == null ? "" : text);
    page.select(NOISE).remove();
    Element root = page.selectFirst("main");
    root = root != null ? root : page.selectFirst("article");
    root = root != null ? root : page.body();
    SectionCollector sections = new SectionCollector();
    root.traverse(new Walker(sections));
    return sections.finish();
  }

  /** Collects text between block boundaries; a heading's text becomes a heading, not text. */
  private static final class Walker implements NodeVisitor {

    private final SectionCollector sections;
    private final StringBuilder block = new StringBuilder();

    Walker(SectionCollector sections) {
      this.sections = sections;
    }

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode text && !insideHeading(text)) {
        block.append(insidePre(text) ? text.getWholeText() : text.text());
      } else if (node instanceof Element element) {
        if (isHeading(element)) {
          endBlock();
          sections.heading(element.tagName().charAt(1) - '0', element.text());
        } else if (element.isBlock() || element.nameIs("br")) {
          endBlock();
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element element && element.isBlock()) {
        endBlock();
      }
    }

    private void endBlock() {
      sections.block(block.toString());
      block.setLength(0);
    }

    private static boolean isHeading(Element element) {
      return element.tagName().matches("h[1-6]");
    }

    private static boolean insideHeading(TextNode text) {
      for (Element e = text.parent() instanceof Element p ? p : null; e != null; e = e.parent()) {
        if (isHeading(e)) {
          return true;
        }
      }
      return false;
    }

    private static boolean insidePre(TextNode text) {
      return text.parent() instanceof Element p && (p.nameIs("pre") || p.closest("pre") != null);
    }
  }
}
