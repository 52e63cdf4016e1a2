package io.handoff.procurement.flow;

import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.engine.ProcessVariables;
import io.handoff.procurement.InvoiceVariables;
import io.handoff.procurement.store.InvoiceDecisionLog;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Service task "Remind accounts payable": the open exception task moves up the group's list (higher
 * priority) and the reminder is recorded.
 */
@Component("escalateMatchException")
public class EscalateMatchExceptionDelegate implements JavaDelegate {

  static final String EXCEPTION_TASK = "ResolveMatchExceptionTask";
  private static final Logger log = LoggerFactory.getLogger(EscalateMatchExceptionDelegate.class);

  private final TaskService taskService;
  private final InvoiceDecisionLog decisionLog;

  public EscalateMatchExceptionDelegate(TaskService taskService, InvoiceDecisionLog decisionLog) {
    this.taskService = taskService;
    this.decisionLog = decisionLog;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int priority =
        Integer.parseInt(
            ProcessVariables.string(execution, InvoiceVariables.ESCALATED_PRIORITY).trim());
    for (Task task :
        taskService
            .createTaskQuery()
            .processInstanceId(execution.getProcessInstanceId())
            .taskDefinitionKey(EXCEPTION_TASK)
            .list()) {
      taskService.setPriority(task.getId(), priority);
    }
    decisionLog.record(
        InvoiceVariables.invoiceId(execution),
        DecisionContext.of(execution),
        InvoiceDecisionLog.Kind.REMINDER,
        DecidedBy.PLATFORM,
        Map.of("priority", priority),
        "reminded",
        "The match exception has been open longer than the reminder period.");
    log.info(
        "Process instance {}: match exception still open, priority raised to {}",
        execution.getProcessInstanceId(),
        priority);
  }
}
