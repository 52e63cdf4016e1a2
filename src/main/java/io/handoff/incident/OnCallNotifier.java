package io.handoff.incident;

/** Pages the on-call engineer (PagerDuty, Opsgenie, SMS gateway). */
public interface OnCallNotifier {

  /**
   * Pages once the calling step commits; one page per run of the step. The alert at the paging
   * service is the incident's own (its id as dedup key) unless that alert is still open (triggered
   * or acknowledged): then the page is an alert of its own, so the paging service notifies again
   * (an escalation of an incident that someone acknowledged already).
   *
   * @param severity {@code critical}, {@code error}, {@code warning} or {@code info}
   */
  void page(String incidentId, String processInstanceId, String message, String severity);

  /** Acknowledges each of the incident's alerts that is triggered and not acknowledged yet. */
  void acknowledge(String incidentId, String processInstanceId, String by);

  /** Resolves each of the incident's alerts that is not resolved yet. */
  void resolve(String incidentId, String processInstanceId);
}
