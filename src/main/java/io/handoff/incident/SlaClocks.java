package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.platform.decision.DeclaredDecision;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The clocks of an incident's SLA: which calendar counts (around the clock for the priorities the
 * SLA targets table marks {@code 24x7}, else the business calendar of the group that holds the
 * incident, from the table {@code incident-business-calendar}), and the deadlines counted on it.
 */
@Component
public class SlaClocks {

  public static final String ALL_HOURS = "24x7";
  public static final String BUSINESS = "BUSINESS";

  /** The step that schedules the clocks and names the business calendar table. */
  public static final String SCHEDULE_SLA_TASK = "ScheduleSlaTask";

  private final IncidentDecisions decisions;

  public SlaClocks(IncidentDecisions decisions) {
    this.decisions = decisions;
  }

  /** The calendar the incident's clocks count on while {@code group} holds it. */
  public BusinessCalendar calendar(DelegateExecution execution, String group) {
    if (!BUSINESS.equals(string(execution, SLA_CLOCK))) {
      return BusinessCalendar.allHours();
    }
    String decision = DeclaredDecision.of(execution, SCHEDULE_SLA_TASK);
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("supportGroup", group);
    Map<String, Object> row = decisions.single(execution, decision, inputs);
    return BusinessCalendar.parse(
        (String) row.get("timeZone"),
        (String) row.get("workingDays"),
        (String) row.get("workingHours"),
        (String) row.get("holidays"));
  }

  /** The resolution window from {@code start} on the group's calendar. */
  public SlaWindow resolutionWindow(DelegateExecution execution, Instant start, String group) {
    return SlaWindow.startingAt(start, slaTarget(execution), calendar(execution, group));
  }

  /** When the first response is due, counted from {@code start} on the group's calendar. */
  public Instant responseDue(DelegateExecution execution, Instant start, String group) {
    BusinessCalendar calendar = calendar(execution, group);
    return calendar.plus(
        start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        calendar.workingTimeOf(requiredString(execution, RESPOND_WITHIN)));
  }
}
