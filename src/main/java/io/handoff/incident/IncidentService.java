package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;

import io.handoff.platform.errors.ApiProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What integrators do with incidents: report one (the process runs to its first wait state inside
 * the request, so the answer carries the priority), feed Alertmanager notifications, confirm or
 * reopen a resolved incident, read one.
 */
@Service
public class IncidentService {

  private static final Logger log = LoggerFactory.getLogger(IncidentService.class);

  private final RuntimeService runtimeService;
  private final IncidentRepository incidents;

  public IncidentService(RuntimeService runtimeService, IncidentRepository incidents) {
    this.runtimeService = runtimeService;
    this.incidents = incidents;
  }

  /** Starts the process for a validated report and returns the incident as registered. */
  @Transactional
  public Incident report(NewIncident incident) {
    String id = UUID.randomUUID().toString();
    runtimeService.startProcessInstanceByKey(
        PROCESS_KEY, id, IncidentVariables.startVariables(id, incident));
    return incidents.find(id).orElseThrow();
  }

  /** Opens, skips or resolves one incident per alert; all or nothing. */
  @Transactional
  public List<AlertOutcome> receiveAlerts(List<AlertIntake> alerts) {
    List<AlertOutcome> outcomes = new ArrayList<>();
    for (AlertIntake alert : alerts) {
      var open = incidents.findOpenByFingerprint(alert.fingerprint());
      if (alert.firing()) {
        if (open.isPresent()) {
          outcomes.add(AlertOutcome.of(alert, AlertOutcome.Result.ALREADY_OPEN, open.get()));
        } else {
          outcomes.add(
              AlertOutcome.of(alert, AlertOutcome.Result.OPENED, report(alert.incident())));
        }
      } else if (open.isEmpty()) {
        outcomes.add(AlertOutcome.of(alert, AlertOutcome.Result.NOT_OPEN, null));
      } else {
        runtimeService
            .createMessageCorrelation(MESSAGE_ALERT_RESOLVED)
            .processInstanceBusinessKey(open.get().id())
            .correlateWithResult();
        log.info("Incident {}: alert {} resolved", open.get().id(), alert.fingerprint());
        outcomes.add(
            AlertOutcome.of(
                alert,
                AlertOutcome.Result.RESOLVED,
                incidents.find(open.get().id()).orElseThrow()));
      }
    }
    return outcomes;
  }

  @Transactional
  public IncidentView confirm(String id) {
    return answer(id, MESSAGE_REPORTER_CONFIRMED, null);
  }

  @Transactional
  public IncidentView reopen(String id, String reason) {
    return answer(id, MESSAGE_REPORTER_REOPENED, reason);
  }

  @Transactional(readOnly = true)
  public IncidentView view(String id) {
    Incident incident = incidents.find(id).orElseThrow(() -> notFound(id));
    return IncidentView.of(incident, incidents.escalations(id));
  }

  private IncidentView answer(String id, String message, String reason) {
    Incident incident = incidents.find(id).orElseThrow(() -> notFound(id));
    if (incident.status() != IncidentStatus.RESOLVED) {
      throw ApiProblemException.conflict(
          "incident-not-resolved",
          "Incident "
              + id
              + " is "
              + incident.status()
              + "; only a RESOLVED incident can be"
              + " confirmed or reopened");
    }
    try {
      var correlation =
          runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(id);
      if (reason != null) {
        correlation.setVariable(REOPEN_REASON, Variables.stringValue(reason));
      }
      correlation.correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw ApiProblemException.conflict(
          "incident-not-awaiting-answer",
          "Incident " + id + " is not waiting for the reporter's answer yet; try again shortly");
    }
    return view(id);
  }

  private static ApiProblemException notFound(String id) {
    return ApiProblemException.notFound("No incident " + id);
  }
}
