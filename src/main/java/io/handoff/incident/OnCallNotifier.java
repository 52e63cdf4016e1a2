package io.handoff.incident;

/** Pages the on-call engineer (PagerDuty, Opsgenie, SMS gateway). */
public interface OnCallNotifier {

  /**
   * Pages once the calling step commits; one page per run of the step.
   *
   * @param severity {@code critical}, {@code error}, {@code warning} or {@code info}
   */
  void page(String incidentId, String processInstanceId, String message, String severity);

  /** Acknowledges the incident's page, if it was paged: someone took it. */
  void acknowledge(String incidentId, String processInstanceId, String by);

  /** Resolves the incident's page, if it was paged: the incident is resolved or closed. */
  void resolve(String incidentId, String processInstanceId);
}
