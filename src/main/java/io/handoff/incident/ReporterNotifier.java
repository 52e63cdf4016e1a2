package io.handoff.incident;

/** Tells the reporter of an incident what happened (e-mail, chat, portal message). */
public interface ReporterNotifier {

  void notify(String incidentId, String reporter, String message);
}
