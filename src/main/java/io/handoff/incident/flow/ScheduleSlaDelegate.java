package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.BusinessCalendar;
import io.handoff.incident.SlaClocks;
import io.handoff.incident.SlaWindow;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.engine.EngineClock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Schedule SLA clocks": once the group is known, counts the response and resolution targets on the
 * clock the SLA table chose (24×7, or the group's business calendar) and writes the deadlines the
 * timers wait for ({@code responseDue}, {@code reminderDue}, {@code slaDue}) and the incident
 * shows.
 */
@Component("scheduleSla")
public class ScheduleSlaDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(ScheduleSlaDelegate.class);

  private final IncidentRepository incidents;
  private final SlaClocks clocks;

  public ScheduleSlaDelegate(IncidentRepository incidents, SlaClocks clocks) {
    this.incidents = incidents;
    this.clocks = clocks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String group = requiredString(execution, ASSIGNED_GROUP);
    Instant now = EngineClock.now();
    BusinessCalendar calendar = clocks.calendar(execution, group);
    SlaWindow window = clocks.resolutionWindow(execution, now, group);
    Instant responseDue = clocks.responseDue(execution, now, group);
    setSlaWindow(execution, window);
    setString(execution, RESPONSE_DUE, SlaWindow.iso(responseDue));
    incidents.scheduleSla(
        incidentId(execution), string(execution, SLA_CLOCK), responseDue, window.due(), now);
    log.info(
        "Incident {} with {} on {}: respond by {}, remind at {}, resolve by {}, process instance {}",
        incidentId(execution),
        group,
        calendar,
        responseDue,
        window.reminderIso(),
        window.dueIso(),
        execution.getProcessInstanceId());
  }
}
