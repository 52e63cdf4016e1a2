package io.handoff.incident;

/** Pages the on-call engineer (PagerDuty, Opsgenie, SMS gateway). */
public interface OnCallNotifier {

  void page(String incidentId, String message);
}
