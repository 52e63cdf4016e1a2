package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.SlaClocks;
import io.handoff.incident.SlaWindow;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * End of the business rule task "Determine SLA targets": takes the table's one row (result variable
 * {@code slaTargets}) apart into the variables the timers, forms and paging read, with the reminder
 * share of the task's input parameter {@code reminderAtPercent}, and drops the raw result. The
 * deadlines are counted once the group is known ({@link ScheduleSlaDelegate}).
 */
@Component("applySlaTargets")
public class ApplySlaTargetsListener implements ExecutionListener {

  static final String RESULT = "slaTargets";
  private static final Logger log = LoggerFactory.getLogger(ApplySlaTargetsListener.class);

  @Override
  public void notify(DelegateExecution execution) {
    if (!(execution.getVariable(RESULT) instanceof Map<?, ?> targets)) {
      throw new IllegalStateException(
          "Process instance "
              + execution.getProcessInstanceId()
              + ": the SLA targets table gave no single result");
    }
    String respondWithin = (String) targets.get(RESPOND_WITHIN);
    String resolveWithin = (String) targets.get(RESOLVE_WITHIN);
    String clock = (String) targets.get(SLA_CLOCK);
    SlaWindow.Target target =
        new SlaWindow.Target(resolveWithin, integer(execution, IN_REMINDER_AT_PERCENT));
    execution.removeVariable(RESULT);
    setString(execution, RESPOND_WITHIN, respondWithin);
    setString(execution, RESOLVE_WITHIN, resolveWithin);
    setInteger(execution, REMINDER_PERCENT, target.reminderPercent());
    setString(execution, PAGE_SEVERITY, (String) targets.get(PAGE_SEVERITY));
    setBoolean(execution, PAGE_ON_ESCALATION, Boolean.TRUE.equals(targets.get(PAGE_ON_ESCALATION)));
    setString(execution, REPORTER_ANSWER_WITHIN, (String) targets.get(REPORTER_ANSWER_WITHIN));
    setString(execution, SLA_CLOCK, SlaClocks.BUSINESS.equals(clock) ? clock : SlaClocks.ALL_HOURS);
    log.info(
        "Incident {} ({}): respond within {}, resolve within {}, clock {}, process instance {}",
        incidentId(execution),
        priority(execution),
        respondWithin,
        resolveWithin,
        clock,
        execution.getProcessInstanceId());
  }
}
