package dev.steward.api.document;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A document to ingest.
 *
 * @param documentId optional; generated when absent. Uploading again under the same id replaces the
 *     document.
 * @param contentType text/markdown or text/plain; text/plain when absent
 */
public record DocumentUpload(
    @Pattern(
            regexp = "[A-Za-z0-9_-]{1,100}",
            message = "must be 1 to 100 letters, digits, '_' or '-'")
        String documentId,
    @NotBlank @Size(max = 500) String title,
    @Pattern(regexp = "text/markdown|text/plain", message = "must be text/markdown or text/plain")
        String contentType,
    @NotBlank String content) {

  static final String DEFAULT_CONTENT_TYPE = "text/plain";
}
