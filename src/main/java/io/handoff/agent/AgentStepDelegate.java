package io.handoff.agent;

import static io.handoff.agent.AgentStepVariables.AGENT_INPUT;
import static io.handoff.agent.AgentStepVariables.AGENT_MODEL;
import static io.handoff.agent.AgentStepVariables.AGENT_TASK;
import static io.handoff.agent.AgentStepVariables.AUTONOMY;
import static io.handoff.agent.AgentStepVariables.CONFIDENCE_THRESHOLD;
import static io.handoff.agent.AgentStepVariables.RESULT_VARIABLE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code camunda:delegateExpression="${agentStep}"}: the governed agent step. Reads the inputs the
 * element template sets ({@code agentTask}, {@code agentModel}, {@code autonomy}, {@code
 * confidenceThreshold}, {@code agentInput}, {@code resultVariable}), runs {@link AgentStepService}
 * and writes {@code <resultVariable>Proposal|Confidence|Rationale|NeedsHuman|AuditId}.
 */
@Component("agentStep")
public class AgentStepDelegate implements JavaDelegate {

  private final AgentStepService service;

  public AgentStepDelegate(AgentStepService service) {
    this.service = service;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String task = required(execution, AGENT_TASK);
    String autonomyId = required(execution, AUTONOMY);
    Autonomy autonomy =
        Autonomy.fromId(autonomyId)
            .orElseThrow(
                () -> new IllegalArgumentException("Unknown autonomy level '" + autonomyId + "'"));
    double threshold = threshold(execution.getVariableLocal(CONFIDENCE_THRESHOLD), autonomy);
    Object model = execution.getVariableLocal(AGENT_MODEL);
    Object input = execution.getVariableLocal(AGENT_INPUT);
    String prefix = required(execution, RESULT_VARIABLE);
    AgentStepResult result =
        service.run(
            new AgentStepRequest(
                execution.getProcessInstanceId(),
                execution.getCurrentActivityId(),
                task,
                model == null ? null : model.toString(),
                autonomy,
                threshold,
                input == null ? "" : input.toString(),
                processDefinitionKey(execution)));
    AgentStepVariables.writeResult(execution, prefix, result);
  }

  private static String processDefinitionKey(DelegateExecution execution) {
    return execution
        .getProcessEngineServices()
        .getRepositoryService()
        .getProcessDefinition(execution.getProcessDefinitionId())
        .getKey();
  }

  private static String required(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalArgumentException(
          "Agent step " + execution.getCurrentActivityId() + " has no input '" + name + "'");
    }
    return value.toString().strip();
  }

  private static double threshold(Object value, Autonomy autonomy) {
    if (value == null || value.toString().isBlank()) {
      if (autonomy == Autonomy.SUPERVISED) {
        throw new IllegalArgumentException("A supervised agent step needs a confidenceThreshold");
      }
      return 1.0;
    }
    double threshold =
        value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().strip());
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("confidenceThreshold must be in [0,1], was " + threshold);
    }
    return threshold;
  }
}
