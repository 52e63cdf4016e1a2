package io.handoff.platform.governance;

import io.handoff.platform.errors.ProblemTypes;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * The platform's refusals on {@code /engine-rest} as RFC 9457 problem+json: 403 for a control, 400
 * naming each field a form does not ask for. The body also carries {@code message}, the field that
 * Camunda's own clients (Tasklist, Modeler) show. Other errors keep the engine REST format.
 */
final class EngineRestProblems {

  static final String PROBLEM_JSON = "application/problem+json";

  private EngineRestProblems() {}

  static Response forbidden(ControlRefusedException refusal) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", ProblemTypes.BASE + refusal.control());
    body.put("title", "Forbidden");
    body.put("status", 403);
    body.put("detail", refusal.getMessage());
    body.put("message", refusal.getMessage());
    return Response.status(403).type(PROBLEM_JSON).entity(body).build();
  }

  static Response invalid(InvalidTaskInputException invalid) {
    List<Map<String, String>> errors = new ArrayList<>();
    invalid
        .fieldProblems()
        .forEach((field, message) -> errors.add(Map.of("field", field, "message", message)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", ProblemTypes.INVALID_REQUEST);
    body.put("title", "Bad Request");
    body.put("status", 400);
    body.put("detail", invalid.getMessage());
    body.put("message", invalid.getMessage());
    body.put("errors", errors);
    return Response.status(400).type(PROBLEM_JSON).entity(body).build();
  }

  static Response problem(int status, String title, String type, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", ProblemTypes.BASE + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("message", detail);
    return Response.status(status).type(PROBLEM_JSON).entity(body).build();
  }

  /** Two people (or one, twice) acted on the same task or instance at the same moment: 409. */
  static Response concurrentChange() {
    return problem(
        409,
        "Conflict",
        "concurrent-change",
        "Someone else changed this at the same moment; reload and try again.");
  }

  /**
   * A concurrent change that a REST resource passes through unwrapped (a process instance
   * modification, say), which the engine REST's own handler would answer 500.
   */
  @Priority(1)
  static final class ConcurrentChangeMapper implements ExceptionMapper<OptimisticLockingException> {
    @Override
    public Response toResponse(OptimisticLockingException exception) {
      return concurrentChange();
    }
  }

  /** A control refusal thrown by the engine and passed through by the REST resource. */
  @Priority(1)
  static final class ControlRefusedMapper implements ExceptionMapper<ControlRefusedException> {
    @Override
    public Response toResponse(ControlRefusedException exception) {
      return forbidden(exception);
    }
  }

  /** Form field refusals that a REST resource passes through unwrapped ({@code resolve}, say). */
  @Priority(1)
  static final class InvalidTaskInputMapper implements ExceptionMapper<InvalidTaskInputException> {
    @Override
    public Response toResponse(InvalidTaskInputException exception) {
      return invalid(exception);
    }
  }

  /** The REST resources wrap engine failures into a RestException: look inside for refusals. */
  @Priority(1)
  static final class RestExceptionMapper implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException exception) {
      for (Throwable t = exception; t != null && t.getCause() != t; t = t.getCause()) {
        if (t instanceof ControlRefusedException refusal) {
          return forbidden(refusal);
        }
        if (t instanceof InvalidTaskInputException invalid) {
          return invalid(invalid);
        }
        if (t instanceof OptimisticLockingException) {
          return concurrentChange();
        }
        if (t instanceof NotFoundException
            || (t instanceof NullValueException missing
                && missing.getMessage() != null
                && missing.getMessage().startsWith("Cannot find task"))) {
          // Unknown, or completed or deleted in the meantime.
          return problem(404, "Not Found", "not-found", t.getMessage());
        }
      }
      return ExceptionHandlerHelper.getInstance().getResponse(exception);
    }
  }
}
