package io.handoff.platform.decision;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnModelExecutionContext;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * The decision table a step evaluates in code (per invoice line, per escalation level), as the
 * model names it: the camunda:property {@value #PROPERTY} of the step's element. A business rule
 * task names its table with {@code camunda:decisionRef}; every other step that evaluates one names
 * it this way, so a process owner sees in Camunda Modeler which table decides and nobody can point
 * the step at another table through a process variable.
 */
public final class DeclaredDecision {

  /** The name of the element property that holds the decision id. */
  public static final String PROPERTY = "decision";

  private DeclaredDecision() {}

  /** The decision the current element of the execution names. */
  public static String of(BpmnModelExecutionContext execution) {
    return of(execution.getBpmnModelElementInstance());
  }

  /** The decision the task's element names. */
  public static String of(DelegateTask task) {
    return of(task.getBpmnModelElementInstance());
  }

  /**
   * The decision the current element names, else the one the element {@code elementId} of the same
   * model names: for a table that several steps evaluate and one step declares (the business
   * calendar a later escalation counts on is the one the step that scheduled the clocks names).
   */
  public static String of(BpmnModelExecutionContext execution, String elementId) {
    Optional<String> own = find(execution.getBpmnModelElementInstance());
    if (own.isPresent()) {
      return own.get();
    }
    return of((BaseElement) execution.getBpmnModelInstance().getModelElementById(elementId));
  }

  /** The decision the element names: the value of its property {@value #PROPERTY}. */
  public static String of(BaseElement element) {
    return find(element).orElseThrow(() -> missing(element));
  }

  private static Optional<String> find(BaseElement element) {
    ExtensionElements extensions = element == null ? null : element.getExtensionElements();
    if (extensions != null) {
      for (CamundaProperties properties :
          extensions.getChildElementsByType(CamundaProperties.class)) {
        for (CamundaProperty property : properties.getCamundaProperties()) {
          if (PROPERTY.equals(property.getCamundaName())
              && property.getCamundaValue() != null
              && !property.getCamundaValue().isBlank()) {
            return Optional.of(property.getCamundaValue().trim());
          }
        }
      }
    }
    return Optional.empty();
  }

  private static IllegalStateException missing(BaseElement element) {
    return new IllegalStateException(
        "The model names no decision (camunda:property '"
            + PROPERTY
            + "') at "
            + (element == null ? "an unknown element" : element.getId()));
  }
}
