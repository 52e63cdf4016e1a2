package io.handoff.vendor.flow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowElement;

/** Reading the result a business rule task left in its result variable, once. */
final class RuleResults {

  private RuleResults() {}

  /** The result variable's value, removed from the instance. */
  static Object take(DelegateExecution execution, String resultVariable) {
    Object value = execution.getVariable(resultVariable);
    execution.removeVariable(resultVariable);
    return value;
  }

  /** The single text a single-hit table gave; no result is a technical failure. */
  static String text(DelegateExecution execution, String resultVariable, String table) {
    Object value = take(execution, resultVariable);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalStateException(
          "Process instance "
              + execution.getProcessInstanceId()
              + ": "
              + table
              + " gave no single result but "
              + value);
    }
    return text;
  }

  /** The decision the business rule task of the execution evaluates (its decisionRef). */
  static String decisionOf(DelegateExecution execution) {
    FlowElement element = execution.getBpmnModelElementInstance();
    return element instanceof BusinessRuleTask task ? task.getCamundaDecisionRef() : null;
  }
}
