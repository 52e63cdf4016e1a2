package io.handoff.incident;

/** Tells the reporter of an incident what happened (e-mail, chat, portal message). */
public interface ReporterNotifier {

  /** Sends once the calling step commits; one message per run of the step. */
  void notify(String incidentId, String processInstanceId, String reporter, String message);
}
