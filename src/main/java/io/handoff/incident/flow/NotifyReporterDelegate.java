package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.ReporterNotifier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Notify reporter": REMEDIATED tells the reporter what automatic remediation did, RESOLVED what
 * the resolver did; both ask them to confirm or reopen within three days.
 */
@Component("notifyReporter")
public class NotifyReporterDelegate implements JavaDelegate {

  static final String REMEDIATED = "REMEDIATED";
  static final String RESOLVED = "RESOLVED";

  private final ReporterNotifier notifier;

  public NotifyReporterDelegate(ReporterNotifier notifier) {
    this.notifier = notifier;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = incidentId(execution);
    String notice = requiredString(execution, IN_NOTICE);
    String title = string(execution, TITLE);
    String message =
        switch (notice) {
          case REMEDIATED ->
              ("Incident %s '%s': %s. Please confirm that it works, or reopen the incident if this"
                      + " did not help; without an answer it closes in three days.")
                  .formatted(id, title, string(execution, RESOLUTION_NOTES));
          case RESOLVED ->
              ("Incident %s '%s' is resolved (%s): %s. Please confirm or reopen it within three"
                      + " days.")
                  .formatted(
                      id,
                      title,
                      string(execution, RESOLUTION_CODE),
                      string(execution, RESOLUTION_NOTES));
          default -> throw new IllegalStateException("Unknown reporter notice " + notice);
        };
    notifier.notify(
        id, execution.getProcessInstanceId(), requiredString(execution, REPORTER), message);
  }
}
