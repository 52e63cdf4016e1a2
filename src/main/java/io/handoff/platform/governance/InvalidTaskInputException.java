package io.handoff.platform.governance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A task completion or a process start carried values its form does not ask for. The engine REST
 * layer answers form validation failures with 400, so this reaches the client as 400 (problem+json
 * on {@code /engine-rest}, with one entry per field).
 */
public class InvalidTaskInputException extends FormFieldValidationException {

  /** Field name to what is wrong with it, in the order the caller sent them. */
  private final transient Map<String, String> problems;

  public InvalidTaskInputException(String detail, Map<String, String> problems) {
    super(String.join(",", problems.keySet()), detail + " " + describe(problems));
    this.problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
  }

  private static String describe(Map<String, String> problems) {
    StringBuilder text = new StringBuilder();
    problems.forEach(
        (field, message) -> {
          if (text.length() > 0) {
            text.append("; ");
          }
          text.append(field).append(": ").append(message);
        });
    return text.toString();
  }

  /** Field name to what is wrong with it, in the order they were reported. */
  public Map<String, String> fieldProblems() {
    return problems;
  }
}
