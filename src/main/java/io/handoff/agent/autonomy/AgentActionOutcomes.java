package io.handoff.agent.autonomy;

import io.handoff.agent.AgentStepVariables;
import io.handoff.agent.audit.AgentAction;
import io.handoff.agent.audit.AgentAuditRepository;
import io.handoff.platform.engine.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code agentActions}: records, from the model with no Java in the process, what became of an
 * agent's proposal that stood without a person:
 *
 * <pre>{@code
 * <camunda:executionListener event="end"
 *     expression="${agentActions.acted(execution, 'category', knownRequest)}" />
 * <camunda:executionListener event="start"
 *     expression="${agentActions.reversed(execution, 'category', 'REOPENED')}" />
 * }</pre>
 *
 * {@code acted} marks the audit row of the step with that result prefix as an action taken alone
 * (only when no person decided on it); {@code reversed} marks such an action as reopened or
 * overridden and lets the {@link AutonomyGovernor} apply the demotion rule.
 */
@Component("agentActions")
public class AgentActionOutcomes {

  private static final Logger log = LoggerFactory.getLogger(AgentActionOutcomes.class);

  private final AgentAuditRepository audit;
  private final AutonomyGovernor governor;

  public AgentActionOutcomes(AgentAuditRepository audit, AutonomyGovernor governor) {
    this.audit = audit;
    this.governor = governor;
  }

  /** The step's proposal was acted on without a person. */
  public void acted(DelegateExecution execution, String resultVariable, String action) {
    AgentAction row = row(execution, resultVariable);
    if (row == null || row.decidedBy() != null) {
      return;
    }
    if (audit.recordAction(row.id(), action, EngineClock.now())) {
      log.info(
          "Process instance {}: agent proposal {} ({}) acted on alone: {}",
          execution.getProcessInstanceId(),
          row.id(),
          row.task(),
          action);
    }
  }

  /** An action taken alone on the step's proposal was reopened or overridden. */
  public void reversed(DelegateExecution execution, String resultVariable, String reversal) {
    AgentAction row = row(execution, resultVariable);
    if (row == null || row.action() == null) {
      return;
    }
    if (audit.recordReversal(row.id(), reversal, EngineClock.now())) {
      log.info(
          "Process instance {}: action {} on agent proposal {} ({}) reversed: {}",
          execution.getProcessInstanceId(),
          row.action(),
          row.id(),
          row.task(),
          reversal);
      if (row.processDefinitionKey() != null) {
        governor.evaluate(new AgentStep(row.processDefinitionKey(), row.activityId()), row.task());
      }
    }
  }

  /** The step's audit row, only when it belongs to this process instance. */
  private AgentAction row(DelegateExecution execution, String resultVariable) {
    String id = AgentStepVariables.auditId(execution, resultVariable);
    AgentAction row = id == null ? null : audit.find(id).orElse(null);
    if (row == null || !execution.getProcessInstanceId().equals(row.processInstanceId())) {
      return null;
    }
    return row;
  }
}
