package dev.steward.activities.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.activities.ingestion.ParsedDocument.Section;
import dev.steward.store.document.DocumentSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.junit.jupiter.api.Test;

class DocumentParsersTest {

  private final DocumentParsers parsers = DocumentParsers.all();

  private ParsedDocument parse(String contentType, String text) {
    return parsers.parse(new DocumentSource("d", "t", "T", contentType, text, "h", 0));
  }

  private ParsedDocument parsePdf(byte[] pdf) {
    return parsers.parse(new DocumentSource("d", "t", "T", "application/pdf", null, pdf, "h", 0));
  }

  @Test
  void markdownSectionsCarryTheirHeadingPath() {
    ParsedDocument parsed =
        parse(
            "text/markdown",
            """
            Intro line.

            # Refunds

            Refunds are issued to the original payment method.

            ## Timing

            Allow **5-7 business days**.

            - first item
            - second item

            # Exchanges

            Swap for another size.
            """);

    assertThat(parsed.sections())
        .extracting(Section::headings)
        .containsExactly(
            List.of(), List.of("Refunds"), List.of("Refunds", "Timing"), List.of("Exchanges"));
    Section timing = parsed.sections().get(2);
    assertThat(timing.text()).contains("Allow 5-7 business days.").contains("first item");
    assertThat(timing.text()).doesNotContain("**");
  }

  @Test
  void mdxLosesFrontMatterImportsAndJsxButKeepsWrappedText() {
    ParsedDocument parsed =
        parse(
            "text/markdown",
            """
            ---
            title: Shipping
            sidebar_position: 2
            ---
            import Callout from '@/components/Callout'
            export const meta = {}

            # Shipping

            <Callout type="info">
            Orders ship within **2 days**.
            </Callout>

            Use the <Badge color="green">tracked</Badge> option.

            {/* an editor's note */}

            ```js
            import fs from 'fs'
            ```
            """);

    assertThat(parsed.sections()).hasSize(1);
    Section shipping = parsed.sections().get(0);
    assertThat(shipping.headings()).containsExactly("Shipping");
    assertThat(shipping.text())
        .contains("Orders ship within 2 days.")
        .contains("Use the tracked option.")
        .contains("import fs from 'fs'")
        .doesNotContain("sidebar_position", "Callout", "<", "editor's note", "export const");
  }

  @Test
  void htmlHeadingsOpenSectionsAndNoiseIsDropped() {
    ParsedDocument parsed =
        parse(
            "text/html",
            """
            <html><head><title>Help</title><style>p{color:red}</style></head>
            <body><nav><a href="/">Home</a></nav>
            <main>
              <h1>Warranty</h1><p>Two years on all kettles.</p>
              <h2>Claims</h2><p>Send a photo of the <b>damage</b>.</p>
              <ul><li>Receipt</li><li>Serial number</li></ul>
            </main>
            <script>track()</script><footer>© Larkspur</footer></body></html>
            """);

    assertThat(parsed.sections())
        .extracting(Section::headings)
        .containsExactly(List.of("Warranty"), List.of("Warranty", "Claims"));
    assertThat(parsed.sections().get(1).text())
        .contains("Send a photo of the damage.")
        .contains("Receipt")
        .contains("Serial number")
        .doesNotContain("track()", "Home", "Larkspur");
  }

  @Test
  void pdfWithAnOutlineIsSectionedByItsBookmarks() throws IOException {
    byte[] pdf = pdf(List.of("Returns are free.", "Refunds take five days."), true);

    ParsedDocument parsed = parsePdf(pdf);

    assertThat(parsed.sections())
        .extracting(Section::headings)
        .containsExactly(List.of("Policies", "Returns"), List.of("Policies", "Refunds"));
    assertThat(parsed.sections().get(1).text()).contains("Refunds take five days.");
  }

  @Test
  void pdfWithoutAnOutlineHasOneSectionPerPage() throws IOException {
    ParsedDocument parsed = parsePdf(pdf(List.of("First page text.", "Second page text."), false));

    assertThat(parsed.sections())
        .extracting(Section::headings)
        .containsExactly(List.of("Page 1"), List.of("Page 2"));
    assertThat(parsed.sections().get(0).text()).isEqualTo("First page text.");
  }

  @Test
  void unreadablePdfIsRefusedAsInvalid() {
    assertThatThrownBy(() -> parsePdf("not a pdf".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a readable PDF");
  }

  @Test
  void plainTextIsOneSectionWithoutHeadings() {
    assertThat(parse("text/plain", "One.\n\nTwo.").sections())
        .containsExactly(new Section(List.of(), "One.\n\nTwo."));
  }

  /** A small PDF, one line of text per page; with an outline "Policies" > one item per page. */
  static byte[] pdf(List<String> pages, boolean outline) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDDocumentOutline root = new PDDocumentOutline();
      PDOutlineItem policies = new PDOutlineItem();
      policies.setTitle("Policies");
      root.addLast(policies);
      String[] titles = {"Returns", "Refunds", "Shipping", "Warranty"};
      for (int i = 0; i < pages.size(); i++) {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.beginText();
          content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          content.newLineAtOffset(72, 700);
          content.showText(pages.get(i));
          content.endText();
        }
        PDPageFitDestination destination = new PDPageFitDestination();
        destination.setPage(page);
        PDOutlineItem item = new PDOutlineItem();
        item.setTitle(titles[i]);
        item.setDestination(destination);
        policies.addLast(item);
        if (i == 0) {
          policies.setDestination(destination);
        }
      }
      if (outline) {
        document.getDocumentCatalog().setDocumentOutline(root);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    }
  }
}
