package io.handoff.platform.governance;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The engine operations that go around a process, kept for administrators. A person or a technical
 * user calling the engine (engine REST, the Tasklist's API, any webapp) may read, claim, complete
 * and start from a start form; writing or deleting variables, moving tokens, executing or changing
 * jobs, correlating messages and signals, suspending, deleting, migrating, restarting, throwing
 * errors from tasks, changing who may work a task, and reading the variable history are refused
 * with 403. Only the outermost command of a call is checked: what a process does inside (its
 * delegates and listeners) is the process, not the caller.
 *
 * <p>It also answers refusals thrown inside the engine (a task listener's {@link
 * ControlRefusedException}, a form check) as themselves, instead of the wrapping the engine adds to
 * listener failures, so they reach the caller as 403/400 and not as 500.
 */
final class EngineOperationGuard extends CommandInterceptor {

  /** Engine commands a controlled caller may not run, by class name (Camunda 7.24). */
  static final Set<String> REFUSED =
      Set.of(
          // variables of executions, process instances and tasks
          "SetExecutionVariablesCmd",
          "RemoveExecutionVariablesCmd",
          "PatchExecutionVariablesCmd",
          "SetTaskVariablesCmd",
          "RemoveTaskVariablesCmd",
          "PatchTaskVariablesCmd",
          "SetVariablesToProcessInstancesBatchCmd",
          // moving tokens, starting anywhere but at the start form
          "ModifyProcessInstanceCmd",
          "ModifyProcessInstanceAsyncCmd",
          "ProcessInstanceModificationCmd",
          "ProcessInstanceModificationBatchCmd",
          "StartProcessInstanceAtActivitiesCmd",
          "StartProcessInstanceCmd",
          "RestartProcessInstancesCmd",
          "MigrateProcessInstanceCmd",
          "SetProcessDefinitionVersionCmd",
          // events from outside the domain API
          "CorrelateMessageCmd",
          "CorrelateAllMessageCmd",
          "CorrelateAllMessageBatchCmd",
          "MessageEventReceivedCmd",
          "SignalCmd",
          "SignalEventReceivedCmd",
          "EvaluateStartConditionCmd",
          // jobs
          "ExecuteJobsCmd",
          "SetJobRetriesCmd",
          "SetJobsRetriesBatchCmd",
          "SetJobDuedateCmd",
          "RecalculateJobDuedateCmd",
          "SetJobPriorityCmd",
          "SetJobDefinitionPriorityCmd",
          "DeleteJobCmd",
          "DeleteJobsCmd",
          "SuspendJobCmd",
          "ActivateJobCmd",
          "SuspendJobDefinitionCmd",
          "ActivateJobDefinitionCmd",
          "UnlockJobCmd",
          // suspension, deletion, deployment
          "SuspendProcessInstanceCmd",
          "ActivateProcessInstanceCmd",
          "UpdateProcessInstancesSuspendStateCmd",
          "UpdateProcessInstancesSuspendStateBatchCmd",
          "SuspendProcessDefinitionCmd",
          "ActivateProcessDefinitionCmd",
          "DeleteProcessInstanceCmd",
          "DeleteProcessInstancesCmd",
          "DeleteProcessInstanceBatchCmd",
          "DeleteProcessDefinitionsByIdsCmd",
          "DeleteProcessDefinitionsByKeyCmd",
          "DeleteDeploymentCmd",
          "DeployCmd",
          "RedeploymentCmd",
          // history
          "DeleteHistoricProcessInstancesCmd",
          "DeleteHistoricProcessInstancesBatchCmd",
          "DeleteHistoricVariableInstanceCmd",
          "DeleteHistoricVariableInstancesByProcessInstanceIdCmd",
          "DeleteHistoricTaskInstanceCmd",
          "DeleteUserOperationLogEntryCmd",
          "HistoricVariableInstanceQueryImpl",
          "HistoricDetailQueryImpl",
          // tasks: errors, escalations, who may work them, tasks outside the processes
          "HandleTaskBpmnErrorCmd",
          "HandleTaskEscalationCmd",
          "AddGroupIdentityLinkCmd",
          "AddUserIdentityLinkCmd",
          "DeleteGroupIdentityLinkCmd",
          "DeleteUserIdentityLinkCmd",
          "SaveTaskCmd",
          "CreateTaskCmd",
          "DeleteTaskCmd",
          "SetTaskOwnerCmd",
          // incidents and external tasks (the processes use none)
          "CreateIncidentCmd",
          "ResolveIncidentCmd",
          "SetAnnotationForIncidentCmd",
          "CompleteExternalTaskCmd",
          "HandleExternalTaskFailureCmd",
          "HandleExternalTaskBpmnErrorCmd",
          "SetExternalTaskRetriesCmd",
          "SetExternalTasksRetriesCmd",
          "SetExternalTasksRetriesBatchCmd",
          "ExtendLockOnExternalTaskCmd",
          "LockExternalTaskCmd",
          "UnlockExternalTaskCmd",
          "FetchExternalTasksCmd");

  private final ProcessEngineConfigurationImpl configuration;

  EngineOperationGuard(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() == null) {
      refuseIfKeptForAdministrators(command);
    }
    try {
      return next.execute(command);
    } catch (RuntimeException e) {
      throw unwrapped(e);
    }
  }

  private void refuseIfKeptForAdministrators(Command<?> command) {
    String name = command.getClass().getSimpleName();
    if (!REFUSED.contains(name)) {
      return;
    }
    Authentication caller = EngineUsers.controlledCaller(configuration).orElse(null);
    if (caller == null) {
      return;
    }
    throw new ControlRefusedException(
        "engine-operation",
        caller.getUserId()
            + " may not "
            + describe(name)
            + " through the engine API: this operation goes around the process and is kept for"
            + " administrators. Work tasks from the Tasklist and call the domain API (/api).");
  }

  private static String describe(String commandName) {
    String words =
        commandName
            .replaceAll("(Cmd|Impl)$", "")
            .replaceAll("([a-z])([A-Z])", "$1 $2")
            .toLowerCase(java.util.Locale.ROOT);
    return "run \"" + words + "\"";
  }

  /** A refusal raised anywhere inside the command, as itself. */
  static RuntimeException unwrapped(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ControlRefusedException || t instanceof InvalidTaskInputException) {
        return (RuntimeException) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return e;
  }
}
