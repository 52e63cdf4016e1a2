package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.errors.ApiProblemException;
import io.handoff.platform.persistence.Fingerprints;
import io.handoff.platform.persistence.FirstWriteWins;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  private final FirstWriteWins firstWriteWins;

  public IncidentService(
      RuntimeService runtimeService, IncidentRepository incidents, FirstWriteWins firstWriteWins) {
    this.runtimeService = runtimeService;
    this.incidents = incidents;
    this.firstWriteWins = firstWriteWins;
  }

  /**
   * @param incident the incident
   * @param created false when the report repeated one whose incident is still open
   */
  public record Reported(Incident incident, boolean created) {}

  /**
   * A report through the domain API: the same report again (every field the same) while its
   * incident is open is answered with that incident, also when both arrive at the same moment, so
   * that a retried call opens nothing new (and a password reset runs once). Once the incident is
   * closed, the same report opens a new one.
   */
  public Reported reportOnce(NewIncident incident) {
    String fingerprint =
        Fingerprints.of(
            incident.title(),
            incident.description(),
            incident.reporter(),
            incident.service(),
            incident.impact(),
            incident.urgency(),
            incident.category(),
            incident.knownRequest(),
            incident.source());
    return firstWriteWins.create(
        () ->
            openReport(fingerprint)
                .orElseGet(
                    () -> {
                      String id = UUID.randomUUID().toString();
                      runtimeService.startProcessInstanceByKey(
                          PROCESS_KEY,
                          id,
                          IncidentVariables.startVariables(id, incident, fingerprint));
                      return new Reported(incidents.find(id).orElseThrow(), true);
                    }),
        () -> openReport(fingerprint));
  }

  private Optional<Reported> openReport(String fingerprint) {
    return incidents.findOpenByRequestHash(fingerprint).map(i -> new Reported(i, false));
  }

  /**
   * Feeds an Alertmanager notification. A delivery that loses the race for an alert's incident to a
   * delivery at the same moment (another node, an Alertmanager cluster) is rolled back whole and
   * taken again, and then finds that incident open, as it would a moment later.
   */
  public List<AlertOutcome> receiveAlertsOnce(List<AlertIntake> alerts) {
    return firstWriteWins.create(() -> receiveAlerts(alerts), Optional::empty);
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
    return IncidentView.of(
        incident, incidents.escalations(id), incidents.responseClock(id).orElseThrow());
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
