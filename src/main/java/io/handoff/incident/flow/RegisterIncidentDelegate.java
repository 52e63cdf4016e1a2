package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentDecisions;
import io.handoff.incident.IncidentIntakeRules;
import io.handoff.incident.IncidentSource;
import io.handoff.incident.IncidentStatus;
import io.handoff.incident.NewIncident;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.engine.EngineClock;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Register incident": stores the report (from REST, Alertmanager or the Tasklist start form) in
 * the incident table with a provisional priority from impact and urgency, so the service desk sees
 * it during triage.
 */
@Component("registerIncident")
public class RegisterIncidentDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(RegisterIncidentDelegate.class);

  private final IncidentRepository incidents;
  private final IncidentDecisions decisions;
  private final IncidentIntakeRules rules;

  public RegisterIncidentDelegate(
      IncidentRepository incidents, IncidentDecisions decisions, IncidentIntakeRules rules) {
    this.incidents = incidents;
    this.decisions = decisions;
    this.rules = rules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String id = string(execution, INCIDENT_ID);
    if (id == null) {
      id = UUID.randomUUID().toString();
      setString(execution, INCIDENT_ID, id);
    }
    String reporter = string(execution, REPORTER);
    // Reported by a logged-in person (Tasklist start form, engine REST): the reporter is who they
    // are, never a name they send. The domain API names the reporter in its documented body.
    Authentication login =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    // Only the domain API (no login) recognises a repeated report; its fingerprint is transient.
    String requestHash = null;
    if (login != null && login.getUserId() != null) {
      reporter = login.getUserId();
    } else {
      requestHash = string(execution, REQUEST_FINGERPRINT);
      if (reporter == null || reporter.isBlank()) {
        reporter = string(execution, INITIATOR);
      }
    }
    setString(execution, REPORTER, reporter);
    String source = string(execution, SOURCE);
    NewIncident incident =
        rules.validated(
            string(execution, TITLE),
            string(execution, DESCRIPTION),
            reporter,
            string(execution, SERVICE),
            string(execution, IMPACT),
            string(execution, URGENCY),
            category(execution),
            knownRequest(execution).name(),
            source == null ? IncidentSource.TASKLIST : IncidentSource.valueOf(source),
            string(execution, ALERT_FINGERPRINT));
    String priority =
        decisions.priority(
            execution,
            IncidentDecisions.PRIORITY,
            incident.impact(),
            incident.urgency(),
            incident.category());
    IncidentStatus status =
        incident.category() == null ? IncidentStatus.TRIAGE : IncidentStatus.OPEN;
    incidents.insert(
        id,
        incident,
        priority,
        status,
        execution.getProcessInstanceId(),
        requestHash,
        EngineClock.now());
    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(id);
    }
    // A form's empty select arrives as "": no category means classification decides.
    setString(execution, CATEGORY, incident.category());
    setString(execution, SOURCE, incident.source().name());
    setString(execution, KNOWN_REQUEST, incident.knownRequest().name());
    setString(execution, PRIORITY, priority);
    log.info(
        "Incident {} registered by {} from {} as {} ({}), process instance {}",
        id,
        reporter,
        incident.source(),
        priority,
        status,
        execution.getProcessInstanceId());
  }
}
