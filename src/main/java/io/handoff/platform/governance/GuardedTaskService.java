package io.handoff.platform.governance;

import java.util.Map;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.variable.VariableMap;

/** The engine's task service, with a person's completion limited to the task form's fields. */
class GuardedTaskService extends TaskServiceImpl {

  private final FormInputGuard guard;

  GuardedTaskService(FormInputGuard guard) {
    this.guard = guard;
  }

  @Override
  public void complete(String taskId, Map<String, Object> variables) {
    Map<String, Object> accepted = guard.forTask(taskId, variables);
    guard.completing(
        taskId,
        () -> {
          super.complete(taskId, accepted);
          return null;
        });
  }

  @Override
  public VariableMap completeWithVariablesInReturn(
      String taskId, Map<String, Object> variables, boolean deserializeValues) {
    Map<String, Object> accepted = guard.forTask(taskId, variables);
    return guard.completing(
        taskId, () -> super.completeWithVariablesInReturn(taskId, accepted, deserializeValues));
  }

  @Override
  public void resolveTask(String taskId, Map<String, Object> variables) {
    super.resolveTask(taskId, guard.forTask(taskId, variables));
  }
}
