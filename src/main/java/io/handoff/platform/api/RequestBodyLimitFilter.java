package io.handoff.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.handoff.platform.errors.BodyTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the body of the requests it applies to before anything reads it: a declared {@code
 * Content-Length} above the limit is answered 413 at once, and a body without one (chunked) is cut
 * off with 413 the moment it passes the limit, so no request makes the server hold more than the
 * limit. The 413 is written as the limit is passed, whoever reads the body (Spring MVC for {@code
 * /api/**}, the engine's Jersey application for deployments); what the reader answers after that is
 * discarded, and the connection closes without reading the rest.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(RequestBodyLimitFilter.class);

  private final DataSize limit;
  private final Predicate<HttpServletRequest> appliesTo;
  private final ObjectMapper objectMapper;

  /**
   * @param limit the largest body read
   * @param appliesTo the requests bounded; others pass untouched
   */
  public RequestBodyLimitFilter(
      DataSize limit, Predicate<HttpServletRequest> appliesTo, ObjectMapper objectMapper) {
    this.limit = limit;
    this.appliesTo = appliesTo;
    this.objectMapper = objectMapper;
  }

  /** The domain API: {@code /api} and everything below it. */
  public static boolean isDomainApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/api") || path.startsWith("/api/");
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !appliesTo.test(request);
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
    RefusableResponse refusable = new RefusableResponse(response);
    try {
      chain.doFilter(
          new LimitedRequest(request, limit, () -> refuseWhileStreaming(request, refusable)),
          refusable);
    } catch (ServletException | IOException | RuntimeException e) {
      if (!causedByTooLarge(e)) {
        throw e;
      }
      if (!refusable.refused()) {
        if (response.isCommitted()) {
          throw e;
        }
        refuse(request, response);
      }
    }
  }

  /** The body passed the limit as it was read: answer 413 now, before the reader answers. */
  private void refuseWhileStreaming(HttpServletRequest request, RefusableResponse response) {
    if (response.refused() || response.getResponse().isCommitted()) {
      return;
    }
    log.info(
        "Refused {} {}: body passed {} while it was read",
        request.getMethod(),
        request.getRequestURI(),
        limit);
    try {
      refuse(request, (HttpServletResponse) response.getResponse());
    } catch (IOException e) {
      log.debug("Could not write the 413 for {}", request.getRequestURI(), e);
    }
    response.markRefused();
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
    private final Runnable onOverflow;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, DataSize limit, Runnable onOverflow) {
      super(request);
      this.limit = limit;
      this.onOverflow = onOverflow;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new LimitedInputStream(super.getInputStream(), limit, onOverflow);
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
    private final Runnable onOverflow;
    private long read;

    LimitedInputStream(ServletInputStream in, DataSize limit, Runnable onOverflow) {
      this.in = in;
      this.limit = limit;
      this.onOverflow = onOverflow;
    }

    private int counted(int n) throws BodyTooLargeException {
      if (n > 0) {
        read += n;
        if (read > limit.toBytes()) {
          onOverflow.run();
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

  /**
   * The response as the body's reader sees it: once the 413 is sent, whatever the reader writes,
   * sets or sends is discarded.
   */
  private static final class RefusableResponse extends HttpServletResponseWrapper {

    private boolean refused;

    RefusableResponse(HttpServletResponse response) {
      super(response);
    }

    boolean refused() {
      return refused;
    }

    void markRefused() {
      refused = true;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      return refused ? DISCARD : super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      return refused ? new PrintWriter(OutputStream.nullOutputStream()) : super.getWriter();
    }

    @Override
    public void setStatus(int sc) {
      if (!refused) {
        super.setStatus(sc);
      }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      if (!refused) {
        super.sendError(sc, msg);
      }
    }

    @Override
    public void sendError(int sc) throws IOException {
      if (!refused) {
        super.sendError(sc);
      }
    }

    @Override
    public void setHeader(String name, String value) {
      if (!refused) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!refused) {
        super.addHeader(name, value);
      }
    }

    @Override
    public void setContentType(String type) {
      if (!refused) {
        super.setContentType(type);
      }
    }

    @Override
    public void setContentLength(int len) {
      if (!refused) {
        super.setContentLength(len);
      }
    }

    @Override
    public void setContentLengthLong(long len) {
      if (!refused) {
        super.setContentLengthLong(len);
      }
    }

    @Override
    public void reset() {
      if (!refused) {
        super.reset();
      }
    }

    @Override
    public void resetBuffer() {
      if (!refused) {
        super.resetBuffer();
      }
    }

    @Override
    public void flushBuffer() throws IOException {
      if (!refused) {
        super.flushBuffer();
      }
    }
  }

  private static final ServletOutputStream DISCARD =
      new ServletOutputStream() {
        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {}
      };
}
