package dev.steward.api.document;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A document to ingest.
 *
 * @param documentId optional; generated when absent. Uploading again under the same id replaces the
 *     document.
 * @param contentType a text format: text/markdown (also MDX), text/html or text/plain; text/plain
 *     when absent. PDF and other binary formats are uploaded as multipart/form-data.
 */
public record DocumentUpload(
    @Pattern(regexp = ID_PATTERN, message = "must be 1 to 100 letters, digits, '_' or '-'")
        String documentId,
    @NotBlank @Size(max = 500) String title,
    @Size(max = 100) String contentType,
    @NotBlank String content) {

  static final String DEFAULT_CONTENT_TYPE = "text/plain";

  /** The rule for document ids, for uploads whose fields are not bound from JSON. */
  static final String ID_PATTERN = "[A-Za-z0-9_-]{1,100}";
}
