package io.handoff.platform.errors;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A domain refusal (404, 409, ...) answered as RFC 9457 problem+json. */
public class ApiProblemException extends ErrorResponseException {

  public ApiProblemException(HttpStatus status, String type, String detail) {
    this(status, type, detail, Map.of());
  }

  public ApiProblemException(
      HttpStatus status, String type, String detail, Map<String, Object> properties) {
    super(status, problem(status, type, detail, properties), null);
  }

  private static ProblemDetail problem(
      HttpStatus status, String type, String detail, Map<String, Object> properties) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(ProblemTypes.BASE + type));
    properties.forEach(problem::setProperty);
    return problem;
  }

  public static ApiProblemException notFound(String detail) {
    return new ApiProblemException(HttpStatus.NOT_FOUND, "not-found", detail);
  }

  public static ApiProblemException conflict(String type, String detail) {
    return new ApiProblemException(HttpStatus.CONFLICT, type, detail);
  }
}
