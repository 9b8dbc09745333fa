package dev.steward.store.document;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The document formats Steward can ingest, by media type and file extension. */
public enum DocumentFormat {
  MARKDOWN("text/markdown", false, List.of("text/x-markdown", "text/mdx"), "md", "markdown", "mdx"),
  HTML("text/html", false, List.of("application/xhtml+xml"), "html", "htm"),
  PLAIN_TEXT("text/plain", false, List.of(), "txt", "text"),
  PDF("application/pdf", true, List.of(), "pdf");

  private final String mediaType;
  private final boolean binary;
  private final List<String> aliases;
  private final List<String> extensions;

  DocumentFormat(String mediaType, boolean binary, List<String> aliases, String... extensions) {
    this.mediaType = mediaType;
    this.binary = binary;
    this.aliases = aliases;
    this.extensions = List.of(extensions);
  }

  /** The canonical media type, as stored with the source. */
  public String mediaType() {
    return mediaType;
  }

  /** Whether the source is kept as bytes rather than text. */
  public boolean binary() {
    return binary;
  }

  /** The format of a media type, ignoring parameters such as {@code ;charset=UTF-8}. */
  public static Optional<DocumentFormat> ofMediaType(String mediaType) {
    if (mediaType == null) {
      return Optional.empty();
    }
    String bare = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(f -> f.mediaType.equals(bare) || f.aliases.contains(bare))
        .findFirst();
  }

  /** The format a file name's extension suggests. */
  public static Optional<DocumentFormat> ofFileName(String fileName) {
    if (fileName == null || fileName.lastIndexOf('.') < 0) {
      return Optional.empty();
    }
    String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.extensions.contains(extension)).findFirst();
  }

  /** The canonical media types, for messages that list what is supported. */
  public static List<String> mediaTypes() {
    return Arrays.stream(values()).map(DocumentFormat::mediaType).toList();
  }
}
