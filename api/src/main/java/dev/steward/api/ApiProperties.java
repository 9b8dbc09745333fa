package dev.steward.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the REST API ({@code steward.api.*}); Spring's MB is 1024 * 1024 bytes.
 *
 * @param maxDocumentBytes largest document content accepted by {@code POST /v1/documents}
 * @param taskExecutionTimeout how long a task may live in Temporal, approvals included
 */
@ConfigurationProperties("steward.api")
public record ApiProperties(DataSize maxDocumentBytes, Duration taskExecutionTimeout) {

  public ApiProperties {
    maxDocumentBytes = maxDocumentBytes == null ? DataSize.ofMegabytes(1) : maxDocumentBytes;
    taskExecutionTimeout =
        taskExecutionTimeout == null ? Duration.ofDays(30) : taskExecutionTimeout;
  }

  public static ApiProperties defaults() {
    return new ApiProperties(null, null);
  }
}
