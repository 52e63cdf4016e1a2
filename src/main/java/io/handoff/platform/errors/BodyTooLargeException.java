package io.handoff.platform.errors;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

/**
 * A request body larger than the domain API reads ({@code handoff.api.max-body-size}). Thrown while
 * the body is read, so that a streamed body stops at the limit; answered 413.
 */
public class BodyTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient DataSize limit;

  public BodyTooLargeException(DataSize limit) {
    super("request body larger than " + describe(limit));
    this.limit = limit;
  }

  public DataSize limit() {
    return limit;
  }

  /** The 413 problem: the same whether refused from the declared length or while streaming. */
  public static ProblemDetail problem(DataSize limit, String requestUri) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.PAYLOAD_TOO_LARGE,
            "The request body is larger than " + describe(limit) + ", the most the API reads.");
    problem.setTitle("Request body too large");
    problem.setType(URI.create(ProblemTypes.BODY_TOO_LARGE));
    problem.setProperty(
        "errors", List.of(new FieldProblem("body", "larger than " + describe(limit))));
    if (requestUri != null) {
      problem.setInstance(URI.create(requestUri));
    }
    return problem;
  }

  /** The size as people write it: 2MB, 512KB. */
  public static String describe(DataSize size) {
    long bytes = size.toBytes();
    if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
      return size.toMegabytes() + "MB";
    }
    if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
      return size.toKilobytes() + "KB";
    }
    return bytes + " bytes";
  }
}
