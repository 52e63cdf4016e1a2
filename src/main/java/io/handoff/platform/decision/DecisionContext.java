package io.handoff.platform.decision;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Where a decision was taken: process instance, process key, business key and step. Key and
 * business key may be left null; the ledger then reads them from the engine.
 */
public record DecisionContext(
    String processInstanceId, String processKey, String businessKey, String step) {

  public static DecisionContext of(DelegateExecution execution) {
    return new DecisionContext(
        execution.getProcessInstanceId(),
        processKey(execution),
        execution.getProcessBusinessKey(),
        execution.getCurrentActivityId());
  }

  public static DecisionContext of(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    return new DecisionContext(
        task.getProcessInstanceId(),
        execution == null ? null : processKey(execution),
        execution == null ? null : execution.getProcessBusinessKey(),
        task.getTaskDefinitionKey());
  }

  /** A decision about an instance taken outside one of its steps (an API call, a refusal). */
  public static DecisionContext ofInstance(String processInstanceId) {
    return new DecisionContext(processInstanceId, null, null, null);
  }

  public DecisionContext atStep(String activityId) {
    return new DecisionContext(processInstanceId, processKey, businessKey, activityId);
  }

  private static String processKey(DelegateExecution execution) {
    if (execution instanceof ExecutionEntity entity && entity.getProcessDefinition() != null) {
      return entity.getProcessDefinition().getKey();
    }
    return null;
  }
}
