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

  /** accounts-payable */
  public static final String AARON = "aaron";

  /** finance-directors */
  public static final String FRANK = "frank";

  /** procurement */
  public static final String PRIYA = "priya";

  /** compliance */
  public static final String CLARA = "clara";

  /** compliance */
  public static final String COLIN = "colin";

  /** legal */
  public static final String LENA = "lena";

  /** security-ops */
  public static final String SOFIA = "sofia";

  /** security-ops */
  public static final String SIMON = "simon";

  /** it-managers */
  public static final String IAN = "ian";

  /** it-managers */
  public static final String IRIS = "iris";

  /** service-desk */
  public static final String SARA = "sara";

  /** network-ops */
  public static final String NINA = "nina";

  /** network-ops */
  public static final String NOAH = "noah";

  /** app-support */
  public static final String ADAM = "adam";

  /** app-support */
  public static final String AMY = "amy";

  /** database-ops */
  public static final String DORA = "dora";

  /** database-ops */
  public static final String DYLAN = "dylan";

  /** legal; the only user the tests log in with a wrong password (Camunda locks it briefly) */
  public static final String LEO = "leo";

  /** employees only */
  public static final String ERIN = "erin";

  /** Auditor: reads decision trails (auditors). */
  public static final String AUDREY = "audrey";

  /** Process lead: reads the process insights (process-leads). */
  public static final String PETRA = "petra";

  private DemoUsers() {}

  public static String passwordOf(String userId) {
    return userId;
  }
}
