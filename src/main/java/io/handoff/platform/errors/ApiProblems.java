package io.handoff.platform.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The one problem document of the domain API: every answer 4xx/5xx under {@code /api} carries
 * {@code type} (a {@code urn:handoff:problem:} URN), {@code title}, {@code status}, {@code detail},
 * {@code instance} (the request path) and {@code errors} (one entry per bad field; empty when the
 * problem is not about fields).
 */
public final class ApiProblems {

  private ApiProblems() {}

  /** Completes a problem to the one schema; what it already says is kept. */
  public static ProblemDetail complete(ProblemDetail problem, String requestUri) {
    HttpStatus status = HttpStatus.resolve(problem.getStatus());
    if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
      problem.setType(URI.create(ProblemTypes.BASE + slug(status)));
    }
    if (problem.getTitle() == null && status != null) {
      problem.setTitle(status.getReasonPhrase());
    }
    if (problem.getInstance() == null && requestUri != null) {
      problem.setInstance(URI.create(requestUri));
    }
    Map<String, Object> properties = problem.getProperties();
    if (properties == null || !properties.containsKey("errors")) {
      problem.setProperty("errors", List.of());
    }
    return problem;
  }

  /** A problem of the given status in the one schema. */
  public static ProblemDetail of(HttpStatus status, String detail, String requestUri) {
    return complete(ProblemDetail.forStatusAndDetail(status, detail), requestUri);
  }

  /**
   * Writes a problem of the given status as the response, for filters that answer before a
   * controller (authentication, login throttling).
   */
  public static void write(
      ObjectMapper objectMapper,
      HttpServletResponse response,
      HttpStatus status,
      String detail,
      String requestUri)
      throws IOException {
    ProblemDetail problem = of(status, detail, requestUri);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    objectMapper.writeValue(response.getOutputStream(), problem);
  }

  private static String slug(HttpStatus status) {
    if (status == null) {
      return "error";
    }
    if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
      return "internal-error";
    }
    return status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
