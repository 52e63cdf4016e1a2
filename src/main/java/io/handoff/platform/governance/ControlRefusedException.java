package io.handoff.platform.governance;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * A control refused what the current user tried (segregation of duties, an engine operation kept
 * for administrators, an action only the login may take). It is an {@link AuthorizationException},
 * so every surface of the engine (engine REST, the Tasklist's API, the Java API) answers 403 with
 * {@link #getMessage()} as the reason; the platform unwraps it from listener failures so it is
 * never answered as a 500.
 */
public class ControlRefusedException extends AuthorizationException {

  private final String control;

  /**
   * @param control short name of the control, e.g. {@code segregation-of-duties}, used as the
   *     problem type on engine REST
   * @param reason why the user is refused, in words they understand
   */
  public ControlRefusedException(String control, String reason) {
    super(reason);
    this.control = control;
  }

  public String control() {
    return control;
  }
}
