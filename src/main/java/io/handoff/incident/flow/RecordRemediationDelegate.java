package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentEvents;
import io.handoff.incident.KnownRequest;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.engine.EngineClock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Record automatic remediation": the reset or unlock ran, so the incident is RESOLVED (not
 * closed): the reporter is asked to confirm, may say it did not help, and silence closes it after
 * the usual period.
 */
@Component("recordRemediation")
public class RecordRemediationDelegate implements JavaDelegate {

  /** {@code resolved_by} of an incident resolved by automatic remediation. */
  static final String RESOLVED_BY = "automatic-remediation";

  private static final Logger log = LoggerFactory.getLogger(RecordRemediationDelegate.class);

  private final IncidentRepository incidents;
  private final IncidentEvents events;
  private final DecisionLedger ledger;

  public RecordRemediationDelegate(
      IncidentRepository incidents, DecisionLedger ledger, IncidentEvents events) {
    this.events = events;
    this.incidents = incidents;
    this.ledger = ledger;
  }

  @Override
  public void execute(DelegateExecution execution) {
    KnownRequest request = knownRequest(execution);
    String reporter = requiredString(execution, REPORTER);
    String notes =
        switch (request) {
          case PASSWORD_RESET -> "Password reset for account '" + reporter + "' carried out";
          case ACCOUNT_LOCKOUT -> "Account '" + reporter + "' unlocked";
          case NONE -> throw new IllegalStateException("Nothing was remediated");
        };
    notes += " automatically (" + string(execution, REMEDIATION_EVIDENCE) + ")";
    setString(execution, RESOLUTION_CODE, RESOLUTION_AUTO_REMEDIATED);
    setString(execution, RESOLUTION_NOTES, notes);
    setString(execution, REMEDIATION_ACTION, request.name());
    setBoolean(execution, REMEDIATED_AUTOMATICALLY, true);
    incidents.resolve(
        incidentId(execution), RESOLUTION_AUTO_REMEDIATED, notes, RESOLVED_BY, EngineClock.now());
    // the remediation is the incident's first response: a reopen does not find it unanswered
    incidents.recordFirstResponse(incidentId(execution), RESOLVED_BY, EngineClock.now());
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("knownRequest", request.name());
    inputs.put("evidence", string(execution, REMEDIATION_EVIDENCE));
    ledger.record(
        Draft.of(DecisionContext.of(execution), "REMEDIATION", DecidedBy.PLATFORM)
            .inputs(inputs)
            .outcome(RESOLUTION_AUTO_REMEDIATED)
            .reason(notes));
    events.resolved(incidentId(execution), execution.getProcessInstanceId());
    log.info(
        "Incident {} resolved by automatic remediation ({}), reporter asked to confirm, process"
            + " instance {}",
        incidentId(execution),
        request,
        execution.getProcessInstanceId());
  }
}
