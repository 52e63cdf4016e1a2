package io.handoff.platform.errors;

/** Problem type URIs of the domain API. */
public final class ProblemTypes {

  public static final String BASE = "urn:handoff:problem:";
  public static final String INVALID_REQUEST = BASE + "invalid-request";
  public static final String INTERNAL = BASE + "internal-error";
  public static final String BODY_TOO_LARGE = BASE + "body-too-large";

  private ProblemTypes() {}
}
