package io.handoff.support;

/** Demo users from application.yaml (password = user id), used across tests. */
public final class DemoUsers {

  public static final String ADMIN = "demo";
  public static final String INTEGRATION = "integration";

  /** accounts-payable */
  public static final String ALICE = "alice";

  /** department-managers */
  public static final String MARK = "mark";

  /** department-managers */
  public static final String MARTHA = "martha";

  /** finance-directors */
  public static final String FIONA = "fiona";

  /** procurement */
  public static final String PAUL = "paul";

  /** service-desk */
  public static final String SAM = "sam";

  /** legal; the only user the tests log in with a wrong password (Camunda locks it briefly) */
  public static final String LEO = "leo";

  /** employees only */
  public static final String ERIN = "erin";

  private DemoUsers() {}

  public static String passwordOf(String userId) {
    return userId;
  }
}
