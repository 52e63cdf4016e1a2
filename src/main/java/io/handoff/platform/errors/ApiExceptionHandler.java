package io.handoff.platform.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.handoff.platform.api.RejectedTextException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of the domain API into RFC 9457 {@code application/problem+json}. Bad input
 * gets 400 with an {@code errors} array naming each bad field; unexpected failures get a bare 500
 * whose details stay in the log.
 */
@RestControllerAdvice(basePackages = "io.handoff")
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    for (FieldError error : ex.getBindingResult().getFieldErrors()) {
      problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
    }
    ex.getBindingResult()
        .getGlobalErrors()
        .forEach(e -> problems.add(new FieldProblem(e.getObjectName(), e.getDefaultMessage())));
    return invalid(problems, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    ex.getParameterValidationResults()
        .forEach(
            r ->
                r.getResolvableErrors()
                    .forEach(
                        e ->
                            problems.add(
                                new FieldProblem(
                                    r.getMethodParameter().getParameterName(),
                                    e.getDefaultMessage()))));
    return invalid(problems, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException tooLarge) {
        // A body without a declared length passed the limit while it was read.
        return problemResponse(BodyTooLargeException.problem(tooLarge.limit(), null), request);
      }
      if (t instanceof StreamReadException parse
          && parse.getOriginalMessage() != null
          && parse.getOriginalMessage().startsWith("Duplicate field")
          && parse.getProcessor() != null) {
        // The parser stopped on the repeated key: its context is where the key stands.
        return invalid(
            List.of(
                new FieldProblem(
                    path(parse.getProcessor().getParsingContext()), "appears more than once")),
            request);
      }
    }
    // The Jackson exception names the field; its own cause (a date parser, say) does not.
    Throwable cause = ex.getMostSpecificCause();
    for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
      if (t instanceof JsonMappingException) {
        cause = t;
        break;
      }
    }
    FieldProblem problem;
    if (cause instanceof RejectedTextException rejected) {
      problem = new FieldProblem(path(rejected), rejected.getOriginalMessage());
    } else if (cause instanceof UnrecognizedPropertyException unknown) {
      problem = new FieldProblem(path(unknown), "unknown field");
    } else if (cause instanceof InvalidFormatException invalid) {
      problem =
          new FieldProblem(
              path(invalid),
              "cannot read '" + invalid.getValue() + "' as " + typeName(invalid.getTargetType()));
    } else if (cause instanceof MismatchedInputException mismatched
        && !mismatched.getPath().isEmpty()) {
      problem =
          new FieldProblem(
              path(mismatched), "wrong type, expected " + typeName(mismatched.getTargetType()));
    } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      problem = new FieldProblem(path(mapping), mapping.getOriginalMessage());
    } else if (cause instanceof JsonProcessingException json) {
      problem = new FieldProblem("body", "malformed JSON: " + json.getOriginalMessage());
    } else {
      problem = new FieldProblem("body", "a JSON request body is required");
    }
    return invalid(List.of(problem), request);
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<Object> handleInvalidRequest(InvalidRequestException ex, WebRequest request) {
    return invalid(ex.problems(), request);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> handleConstraintViolation(
      ConstraintViolationException ex, WebRequest request) {
    List<FieldProblem> problems =
        ex.getConstraintViolations().stream()
            .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
            .toList();
    return invalid(problems, request);
  }

  /**
   * A unique key refused a write that raced others and kept losing (the creates answer the
   * sequential answer themselves, io.handoff.platform.persistence.FirstWriteWins): 409, not 500.
   */
  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<Object> handleDuplicateKey(DuplicateKeyException ex, WebRequest request) {
    log.info("Concurrent write refused by a unique key on {}", describe(request), ex);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT,
            "A request at the same moment wrote the same record; send the request again.");
    problem.setType(URI.create(ProblemTypes.BASE + "concurrent-write"));
    return problemResponse(problem, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
    log.error("Unexpected error on {}", describe(request), ex);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "The request could not be processed. The error has been logged.");
    problem.setType(URI.create(ProblemTypes.INTERNAL));
    return problemResponse(problem, request);
  }

  private ResponseEntity<Object> invalid(List<FieldProblem> problems, WebRequest request) {
    List<FieldProblem> sorted =
        problems.stream().sorted(Comparator.comparing(FieldProblem::field)).toList();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            sorted.size() == 1
                ? "Invalid field '" + sorted.get(0).field() + "': " + sorted.get(0).message()
                : sorted.size() + " fields are invalid");
    problem.setTitle("Invalid request");
    problem.setType(URI.create(ProblemTypes.INVALID_REQUEST));
    problem.setProperty("errors", sorted);
    return problemResponse(problem, request);
  }

  private ResponseEntity<Object> problemResponse(ProblemDetail problem, WebRequest request) {
    if (request instanceof ServletWebRequest servlet) {
      problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
    }
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** The dotted path ({@code lines[0].sku}) of where a parser stands. */
  static String path(JsonStreamContext context) {
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.push(c);
    }
    StringBuilder sb = new StringBuilder();
    for (JsonStreamContext c : chain) {
      if (c.inObject() && c.getCurrentName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(c.getCurrentName());
      } else if (c.inArray()) {
        sb.append('[').append(c.getCurrentIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  static String path(JsonMappingException ex) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : ex.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      List<String> names = new ArrayList<>();
      for (Object c : constants) {
        names.add(c.toString());
      }
      return "one of " + names;
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (type == java.time.LocalDate.class) {
      return "a date (yyyy-MM-dd)";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String lastNode(String propertyPath) {
    int dot = propertyPath.indexOf('.');
    return dot >= 0 ? propertyPath.substring(dot + 1) : propertyPath;
  }

  private static String describe(WebRequest request) {
    return request instanceof ServletWebRequest servlet
        ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
        : request.getDescription(false);
  }
}
