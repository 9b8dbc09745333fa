package dev.steward.activities.ingestion;

import dev.steward.store.document.DocumentFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.apache.pdfbox.text.PDFTextStripper;
import org.springframework.stereotype.Component;

/**
 * PDF by PDFBox: page text, sectioned by the document outline (bookmarks) when it has one, each
 * bookmark's section running from its page to the next bookmark's; else one section per page,
 * headed "Page n". A PDF without a text layer (a scan) is refused: there is nothing to index.
 */
@Component
class PdfParser implements DocumentParser {

  /** A bookmark with its full heading path and the page (from 0) it points at. */
  private record Bookmark(List<String> path, int page) {}

  @Override
  public DocumentFormat format() {
    return DocumentFormat.PDF;
  }

  @Override
  public ParsedDocument parse(String text, byte[] data) {
    if (data == null || data.length == 0) {
      throw new IllegalArgumentException("the PDF document is empty");
    }
    try (PDDocument pdf = Loader.loadPDF(data)) {
      List<Bookmark> bookmarks = new ArrayList<>();
      PDDocumentOutline outline = pdf.getDocumentCatalog().getDocumentOutline();
      if (outline != null) {
        collect(pdf, outline, List.of(), bookmarks);
      }
      bookmarks.sort(Comparator.comparingInt(Bookmark::page));
      ParsedDocument parsed = bookmarks.isEmpty() ? byPage(pdf) : byBookmark(pdf, bookmarks);
      if (parsed.sections().isEmpty()) {
        throw new IllegalArgumentException(
            "the PDF has no extractable text (a scanned document needs OCR first)");
      }
      return parsed;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a readable PDF: " + e.getMessage(), e);
    }
  }

  private static ParsedDocument byPage(PDDocument pdf) throws IOException {
    SectionCollector sections = new SectionCollector();
    for (int page = 0; page < pdf.getNumberOfPages(); page++) {
      sections.heading(1, "Page " + (page + 1));
      sections.block(text(pdf, page, page));
    }
    return sections.finish();
  }

  private static ParsedDocument byBookmark(PDDocument pdf, List<Bookmark> bookmarks)
      throws IOException {
    SectionCollector sections = new SectionCollector();
    if (bookmarks.get(0).page() > 0) {
      sections.block(text(pdf, 0, bookmarks.get(0).page() - 1));
    }
    for (int i = 0; i < bookmarks.size(); i++) {
      Bookmark bookmark = bookmarks.get(i);
      List<String> path = bookmark.path();
      for (int level = 0; level < path.size(); level++) {
        sections.heading(level + 1, path.get(level));
      }
      int last =
          i + 1 < bookmarks.size()
              ? Math.max(bookmark.page(), bookmarks.get(i + 1).page() - 1)
              : pdf.getNumberOfPages() - 1;
      // Bookmarks sharing a page share its text once: the later one takes it.
      if (i + 1 < bookmarks.size() && bookmarks.get(i + 1).page() == bookmark.page()) {
        continue;
      }
      sections.block(text(pdf, bookmark.page(), last));
    }
    return sections.finish();
  }

  private static void collect(
      PDDocument pdf, PDOutlineNode node, List<String> parents, List<Bookmark> out)
      throws IOException {
    for (var item : node.children()) {
      List<String> path = new ArrayList<>(parents);
      path.add(item.getTitle() == null ? "" : item.getTitle().strip());
      PDPage page = item.findDestinationPage(pdf);
      int index = page == null ? -1 : pdf.getPages().indexOf(page);
      if (index >= 0) {
        out.add(new Bookmark(List.copyOf(path), index));
      }
      collect(pdf, item, path, out);
    }
  }

  /** Text of pages [first, last], counted from 0. */
  private static String text(PDDocument pdf, int first, int last) throws IOException {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setSortByPosition(true);
    stripper.setStartPage(first + 1);
    stripper.setEndPage(last + 1);
    return stripper.getText(pdf);
  }
}
