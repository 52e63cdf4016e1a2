package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.IncidentDecisions;
import io.handoff.incident.Level;
import io.handoff.incident.SlaClocks;
import io.handoff.incident.SlaWindow;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.engine.EngineClock;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Determine priority and SLA": evaluates the priority table (impact × urgency, category floor) and
 * the SLA targets table (targets and whether they count 24×7 or in business time); the deadlines
 * are counted once the group is known ({@link ScheduleSlaDelegate}).
 */
@Component("assessIncident")
public class AssessIncidentDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(AssessIncidentDelegate.class);

  private final IncidentRepository incidents;
  private final IncidentDecisions decisions;

  public AssessIncidentDelegate(IncidentRepository incidents, IncidentDecisions decisions) {
    this.incidents = incidents;
    this.decisions = decisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String priorityDecision = string(execution, IN_PRIORITY_DECISION);
    String slaDecision = string(execution, IN_SLA_DECISION);
    Integer reminderPercent = integer(execution, IN_REMINDER_AT_PERCENT);
    String category = category(execution);
    String priority =
        decisions.priority(
            execution,
            priorityDecision == null ? IncidentDecisions.PRIORITY : priorityDecision,
            Level.valueOf(requiredString(execution, IMPACT)),
            Level.valueOf(requiredString(execution, URGENCY)),
            category);
    Map<String, Object> inputs = new HashMap<>();
    inputs.put(PRIORITY, priority);
    Map<String, Object> targets =
        decisions.single(
            execution, slaDecision == null ? IncidentDecisions.SLA_TARGETS : slaDecision, inputs);
    String respondWithin = (String) targets.get(RESPOND_WITHIN);
    String resolveWithin = (String) targets.get(RESOLVE_WITHIN);
    String clock = (String) targets.get(SLA_CLOCK);
    SlaWindow.Target target = new SlaWindow.Target(resolveWithin, reminderPercent);

    setString(execution, PRIORITY, priority);
    setString(execution, RESPOND_WITHIN, respondWithin);
    setString(execution, RESOLVE_WITHIN, resolveWithin);
    setInteger(execution, REMINDER_PERCENT, target.reminderPercent());
    setString(execution, PAGE_SEVERITY, (String) targets.get(PAGE_SEVERITY));
    setString(execution, REPORTER_ANSWER_WITHIN, (String) targets.get(REPORTER_ANSWER_WITHIN));
    setBoolean(execution, PAGE_ON_ESCALATION, Boolean.TRUE.equals(targets.get(PAGE_ON_ESCALATION)));
    setString(execution, SLA_CLOCK, SlaClocks.BUSINESS.equals(clock) ? clock : SlaClocks.ALL_HOURS);
    incidents.recordAssessment(
        incidentId(execution), category, knownRequest(execution), priority, EngineClock.now());
    log.info(
        "Incident {} is {}: respond within {}, resolve within {}, clock {}, process instance {}",
        incidentId(execution),
        priority,
        respondWithin,
        resolveWithin,
        clock,
        execution.getProcessInstanceId());
  }
}
