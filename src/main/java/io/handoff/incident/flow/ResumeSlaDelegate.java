package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.SlaClocks;
import io.handoff.incident.SlaWindow;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.engine.EngineClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Resume SLA clock": the reporter answered. The resolution clock runs again with the working time
 * that was left when it stopped (on the group's calendar), the pause is closed in {@code
 * incident_pause} and the ledger, and the incident goes back to work.
 */
@Component("resumeSla")
public class ResumeSlaDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(ResumeSlaDelegate.class);

  private final IncidentRepository incidents;
  private final DecisionLedger ledger;
  private final SlaClocks clocks;

  public ResumeSlaDelegate(IncidentRepository incidents, DecisionLedger ledger, SlaClocks clocks) {
    this.incidents = incidents;
    this.ledger = ledger;
    this.clocks = clocks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = EngineClock.now();
    Instant pausedAt = instant(execution, SLA_PAUSED_AT);
    SlaWindow paused =
        new SlaWindow(pausedAt, instant(execution, REMINDER_DUE), instant(execution, SLA_DUE));
    SlaWindow resumed =
        paused.resumedAt(
            pausedAt, now, clocks.calendar(execution, requiredString(execution, ASSIGNED_GROUP)));
    String answeredBy = string(execution, ANSWERED_BY);
    incidents.resume(
        incidentId(execution),
        requiredString(execution, REPORTER_ANSWER),
        answeredBy,
        resumed.due(),
        now);
    setSlaWindow(execution, resumed);
    execution.removeVariable(RESOLVE_OUTCOME);
    execution.removeVariable(SLA_PAUSED_AT);
    // kept in incident_pause: the next question and its answer need texts of their own
    execution.removeVariable(REPORTER_QUESTION);
    execution.removeVariable(REPORTER_ANSWER);
    execution.removeVariable(ANSWERED_BY);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("pausedAt", pausedAt.toString());
    inputs.put("slaDueAtPause", paused.due().toString());
    ledger.record(
        Draft.of(
                DecisionContext.of(execution),
                "SLA_RESUMED",
                answeredBy == null ? DecidedBy.PLATFORM : DecidedBy.person(answeredBy))
            .inputs(inputs)
            .outcome(resumed.dueIso())
            .reason("The reporter answered; the time that was left counts from now"));
    log.info(
        "Incident {}: the reporter answered; SLA clock resumed, due {} (was {}), process instance"
            + " {}",
        incidentId(execution),
        resumed.dueIso(),
        paused.dueIso(),
        execution.getProcessInstanceId());
  }

  private static Instant instant(DelegateExecution execution, String name) {
    return OffsetDateTime.parse(requiredString(execution, name)).toInstant();
  }
}
