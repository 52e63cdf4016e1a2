package io.handoff.platform.governance;

import java.util.Map;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;

/** The engine's form service, with a person's submission limited to the form's fields. */
class GuardedFormService extends FormServiceImpl {

  private final FormInputGuard guard;

  GuardedFormService(FormInputGuard guard) {
    this.guard = guard;
  }

  @Override
  public void submitTaskForm(String taskId, Map<String, Object> properties) {
    Map<String, Object> accepted = guard.forTask(taskId, properties);
    guard.completing(
        taskId,
        () -> {
          super.submitTaskForm(taskId, accepted);
          return null;
        });
  }

  @Override
  public VariableMap submitTaskFormWithVariablesInReturn(
      String taskId, Map<String, Object> properties, boolean deserializeValues) {
    Map<String, Object> accepted = guard.forTask(taskId, properties);
    return guard.completing(
        taskId,
        () -> super.submitTaskFormWithVariablesInReturn(taskId, accepted, deserializeValues));
  }

  @Override
  public ProcessInstance submitStartForm(
      String processDefinitionId, Map<String, Object> properties) {
    return submitStartForm(processDefinitionId, null, properties);
  }

  @Override
  public ProcessInstance submitStartForm(
      String processDefinitionId, String businessKey, Map<String, Object> properties) {
    Map<String, Object> accepted = guard.forStart(processDefinitionId, businessKey, properties);
    return guard.starting(() -> super.submitStartForm(processDefinitionId, businessKey, accepted));
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public ProcessInstance submitStartFormData(
      String processDefinitionId, Map<String, String> properties) {
    return submitStartForm(processDefinitionId, null, (Map) properties);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public ProcessInstance submitStartFormData(
      String processDefinitionId, String businessKey, Map<String, String> properties) {
    return submitStartForm(processDefinitionId, businessKey, (Map) properties);
  }
}
