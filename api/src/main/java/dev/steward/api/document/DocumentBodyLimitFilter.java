package dev.steward.api.document;

import dev.steward.api.ApiProperties;
import dev.steward.api.problem.Problem;
import dev.steward.api.problem.ProblemDetails;
import dev.steward.api.problem.RequestBodyTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an upload body far larger than any acceptable document before it is read into memory: by
 * its Content-Length when declared, else while it streams. The precise check on the content itself
 * happens after parsing; this one only bounds the work an oversized request can cause.
 *
 * <p>The body may be up to twice the content limit plus 64 KiB, room for JSON escaping and the
 * other fields. Runs after Spring Security, so an unauthenticated client gets 401, not 413.
 */
@Component
class DocumentBodyLimitFilter extends OncePerRequestFilter {

  private static final long ENVELOPE_BYTES = 64 * 1024;

  private final long contentLimit;
  private final long bodyLimit;

  DocumentBodyLimitFilter(ApiProperties properties) {
    this.contentLimit = properties.maxDocumentBytes().toBytes();
    this.bodyLimit = 2 * contentLimit + ENVELOPE_BYTES;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod())
        && "/v1/documents"
            .equals(request.getRequestURI().substring(request.getContextPath().length())));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > bodyLimit) {
      ProblemDetails.write(response, request, Problem.DOCUMENT_TOO_LARGE, message());
      return;
    }
    chain.doFilter(new LimitedRequest(request, bodyLimit, message()), response);
  }

  private String message() {
    return "The request body may be at most %d bytes; document content at most %d bytes (UTF-8)."
        .formatted(bodyLimit, contentLimit);
  }

  /** A request whose body stream fails once more than {@code limit} bytes were read. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final long limit;
    private final String message;
    private ServletInputStream limited;

    LimitedRequest(HttpServletRequest request, long limit, String message) {
      super(request);
      this.limit = limit;
      this.message = message;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (limited == null) {
        limited = new LimitedInputStream(super.getInputStream(), limit, message);
      }
      return limited;
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private final String message;
    private long read;

    LimitedInputStream(ServletInputStream in, long limit, String message) {
      this.in = in;
      this.limit = limit;
      this.message = message;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws RequestBodyTooLargeException {
      read += n;
      if (read > limit) {
        throw new RequestBodyTooLargeException(message);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
