package io.handoff.platform.governance;

import java.lang.reflect.Field;
import java.util.Set;
import org.camunda.bpm.engine.impl.AbstractVariableQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
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

  /** The user a claim is for: {@code ClaimTaskCmd} keeps it in a field without a getter. */
  private static final Field CLAIM_USER = claimUserField();

  private static Field claimUserField() {
    try {
      Field field = ClaimTaskCmd.class.getDeclaredField("userId");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // then every claim by a controlled caller is refused: fail closed
    }
  }

  private void refuseIfKeptForAdministrators(Command<?> command) {
    String name = command.getClass().getSimpleName();
    boolean refused = REFUSED.contains(name);
    boolean claim = command instanceof ClaimTaskCmd;
    boolean variableFilter =
        command instanceof AbstractVariableQueryImpl<?, ?> query
            && !query.getQueryVariableValues().isEmpty();
    if (!refused && !claim && !variableFilter) {
      return;
    }
    Authentication caller = EngineUsers.controlledCaller(configuration).orElse(null);
    if (caller == null) {
      return;
    }
    if (claim) {
      String claimant = claimant((ClaimTaskCmd) command);
      if (claimant == null || claimant.equals(caller.getUserId())) {
        return; // claiming for oneself, or giving the task back
      }
      throw new ControlRefusedException(
          "task-assignment",
          caller.getUserId()
              + " may claim a task only for themselves, not for "
              + claimant
              + ": the task stays with its group.");
    }
    if (variableFilter) {
      // Filtering instances on a variable's value reads the value, one guess at a time.
      throw new ControlRefusedException(
          "engine-operation",
          caller.getUserId()
              + " may not filter instances by the values of their variables: reading variables"
              + " needs the right to read them.");
    }
    throw new ControlRefusedException(
        "engine-operation",
        caller.getUserId()
            + " may not "
            + describe(name)
            + " through the engine API: this operation goes around the process and is kept for"
            + " administrators. Work tasks from the Tasklist and call the domain API (/api).");
  }

  private static String claimant(ClaimTaskCmd command) {
    if (CLAIM_USER == null) {
      return "another user";
    }
    try {
      return (String) CLAIM_USER.get(command);
    } catch (IllegalAccessException e) {
      return "another user";
    }
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
