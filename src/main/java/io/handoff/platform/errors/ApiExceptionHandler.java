package io.handoff.platform.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
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
import org.springframework.web.bind.MissingServletRequestParameterException;
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

  private final Validator validator;

  public ApiExceptionHandler(Validator validator) {
    this.validator = validator;
  }

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
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      problem = JsonFieldProblems.of("body", mapping);
    } else if (cause instanceof JsonProcessingException json) {
      problem = new FieldProblem("body", "malformed JSON: " + json.getOriginalMessage());
    } else {
      problem = new FieldProblem("body", "a JSON request body is required");
    }
    return invalid(List.of(problem), request);
  }

  /**
   * Values that could not be read, together with what Bean Validation finds in the rest of the
   * body: one answer for every bad field. A field already named as unreadable is not named again as
   * missing.
   */
  @ExceptionHandler(UnreadableFieldsException.class)
  ResponseEntity<Object> handleUnreadableFields(UnreadableFieldsException ex, WebRequest request) {
    List<FieldProblem> problems = new ArrayList<>(ex.problems());
    if (ex.partial() != null) {
      for (ConstraintViolation<Object> v : validator.validate(ex.partial())) {
        FieldProblem found = FieldProblem.of(v);
        if (ex.problems().stream().noneMatch(p -> within(found.field(), p.field()))) {
          problems.add(found);
        }
      }
    }
    return invalid(problems, request);
  }

  private static boolean within(String field, String unreadable) {
    return field.equals(unreadable)
        || field.startsWith(unreadable + ".")
        || field.startsWith(unreadable + "[")
        || "body".equals(unreadable);
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

  /**
   * The engine refused a change because another request changed the same task or instance at the
   * same moment (two completions of one task, say): 409, and nothing of the losing call stays.
   */
  @ExceptionHandler(org.camunda.bpm.engine.OptimisticLockingException.class)
  ResponseEntity<Object> handleConcurrentChange(
      org.camunda.bpm.engine.OptimisticLockingException ex, WebRequest request) {
    log.info("Concurrent change refused on {}: {}", describe(request), ex.getMessage());
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT,
            "Another request changed the same record at the same moment; read it again before"
                + " you retry.");
    problem.setType(URI.create(ProblemTypes.BASE + "concurrent-change"));
    return problemResponse(problem, request);
  }

  /** A control of a process refused the step a domain call took for its user: 403. */
  @ExceptionHandler(io.handoff.platform.governance.ControlRefusedException.class)
  ResponseEntity<Object> handleControlRefused(
      io.handoff.platform.governance.ControlRefusedException ex, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
    problem.setType(URI.create(ProblemTypes.BASE + ex.control()));
    return problemResponse(problem, request);
  }

  /** A form check of a process refused what a domain call submitted: 400, every field named. */
  @ExceptionHandler(io.handoff.platform.governance.InvalidTaskInputException.class)
  ResponseEntity<Object> handleInvalidTaskInput(
      io.handoff.platform.governance.InvalidTaskInputException ex, WebRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    ex.fieldProblems().forEach((field, message) -> problems.add(new FieldProblem(field, message)));
    return invalid(problems, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
    // a concurrent change wrapped by the engine (a listener's or a delegate's failure) is still one
    for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof DuplicateKeyException duplicate) {
        return handleDuplicateKey(duplicate, request);
      }
      if (cause instanceof org.camunda.bpm.engine.OptimisticLockingException concurrent) {
        return handleConcurrentChange(concurrent, request);
      }
      if (cause == cause.getCause()) {
        break;
      }
    }
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
    ApiProblems.complete(problem, null);
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /**
   * The answers Spring MVC gives itself (405, 406, 415, a missing or mistyped parameter): the one
   * problem schema, as {@code application/problem+json}, with the headers Spring sets ({@code
   * Allow}, {@code Accept}).
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    ProblemDetail problem =
        body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(statusCode);
    if (request instanceof ServletWebRequest servlet) {
      problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
    }
    ApiProblems.complete(problem, null);
    HttpHeaders answer = new HttpHeaders();
    if (headers != null) {
      answer.putAll(headers);
    }
    answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(problem, answer, statusCode);
  }

  /** A query or path parameter of the wrong type is a bad field like any other. */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
    return invalid(
        List.of(
            new FieldProblem(
                name,
                "cannot read '"
                    + ex.getValue()
                    + "' as "
                    + JsonFieldProblems.typeName(ex.getRequiredType()))),
        request);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return invalid(List.of(new FieldProblem(ex.getParameterName(), "is required")), request);
  }

  /** The dotted path ({@code lines[0].sku}) of where a parser stands. */
  static String path(JsonStreamContext context) {
    String path = JsonFieldProblems.path(context);
    return path.isEmpty() ? "body" : path;
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
