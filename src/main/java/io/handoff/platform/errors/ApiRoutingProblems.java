package io.handoff.platform.errors;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Requests under {@code /api} that reach no controller: an unknown path (404), a method the path
 * does not take (405, with {@code Allow}), a body type it does not read (415, with {@code Accept})
 * or an answer type it cannot give (406). Answered in the API's one problem schema, as {@code
 * application/problem+json}, whatever the request's {@code Accept}. Other paths keep Spring's
 * answers.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiRoutingProblems {

  @ExceptionHandler({
    NoResourceFoundException.class,
    NoHandlerFoundException.class,
    HttpRequestMethodNotSupportedException.class,
    HttpMediaTypeNotSupportedException.class,
    HttpMediaTypeNotAcceptableException.class
  })
  ResponseEntity<ProblemDetail> unrouted(Exception ex, HttpServletRequest request)
      throws Exception {
    if (!isApi(request) || !(ex instanceof ErrorResponse error)) {
      throw ex;
    }
    ProblemDetail problem = error.updateAndGetBody(null, null);
    if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
      problem.setDetail("No resource at " + request.getRequestURI() + "; GET /api/ lists them.");
    }
    ApiProblems.complete(problem, request.getRequestURI());
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(error.getHeaders());
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(problem, headers, error.getStatusCode());
  }

  static boolean isApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/api") || path.startsWith("/api/");
  }
}
