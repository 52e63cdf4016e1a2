package io.handoff.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.errors.BodyTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the body of every {@code /api/**} request before anything reads it: a declared {@code
 * Content-Length} above the limit is answered 413 at once, and a body without one (chunked) is cut
 * off with 413 once it passes the limit, so no request makes the server hold more than the limit.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(RequestBodyLimitFilter.class);

  private final DataSize limit;
  private final ObjectMapper objectMapper;

  public RequestBodyLimitFilter(DataSize limit, ObjectMapper objectMapper) {
    this.limit = limit;
    this.objectMapper = objectMapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals("/api") || path.startsWith("/api/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit.toBytes()) {
      log.info(
          "Refused {} {}: declared body of {} bytes exceeds {}",
          request.getMethod(),
          request.getRequestURI(),
          request.getContentLengthLong(),
          limit);
      refuse(request, response);
      return;
    }
    try {
      chain.doFilter(new LimitedRequest(request, limit), response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (!causedByTooLarge(e) || response.isCommitted()) {
        throw e;
      }
      refuse(request, response);
    }
  }

  private static boolean causedByTooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException) {
        return true;
      }
    }
    return false;
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.resetBuffer();
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    // The rest of an oversized body is not worth reading: the client gets the answer and the
    // connection closes.
    response.setHeader("Connection", "close");
    response
        .getOutputStream()
        .write(
            objectMapper.writeValueAsBytes(
                BodyTooLargeException.problem(limit, request.getRequestURI())));
    response.flushBuffer();
  }

  /** The request with its body counted as it is read. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final DataSize limit;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, DataSize limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedInputStream(super.getInputStream(), limit);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class LimitedInputStream extends ServletInputStream {

    private final ServletInputStream in;
    private final DataSize limit;
    private long read;

    LimitedInputStream(ServletInputStream in, DataSize limit) {
      this.in = in;
      this.limit = limit;
    }

    private int counted(int n) throws BodyTooLargeException {
      if (n > 0) {
        read += n;
        if (read > limit.toBytes()) {
          throw new BodyTooLargeException(limit);
        }
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return counted(in.read(b, off, len));
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
