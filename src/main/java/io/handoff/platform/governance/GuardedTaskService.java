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
    super.complete(taskId, guard.forTask(taskId, variables));
  }

  @Override
  public VariableMap completeWithVariablesInReturn(
      String taskId, Map<String, Object> variables, boolean deserializeValues) {
    return super.completeWithVariablesInReturn(
        taskId, guard.forTask(taskId, variables), deserializeValues);
  }

  @Override
  public void resolveTask(String taskId, Map<String, Object> variables) {
    super.resolveTask(taskId, guard.forTask(taskId, variables));
  }
}
