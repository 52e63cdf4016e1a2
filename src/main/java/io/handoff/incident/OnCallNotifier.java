package io.handoff.incident;

/** Pages the on-call engineer (PagerDuty, Opsgenie, SMS gateway). */
public interface OnCallNotifier {

  /** Pages once the calling step commits; one page per run of the step. */
  void page(String incidentId, String processInstanceId, String message);
}
