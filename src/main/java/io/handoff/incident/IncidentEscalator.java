package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.decision.DecidedBy;
import io.handoff.platform.decision.DecisionContext;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.platform.decision.Draft;
import io.handoff.platform.engine.EngineClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Escalates an incident whose SLA target passed: counts the breach, moves the open "Resolve
 * incident" task to the next group of the chain (level 1 → 2 → 3) without recreating it, so its
 * assignee history, comments and local variables stay, records the escalation and starts the next
 * level's SLA window. At the top level the breach is recorded and the task stays.
 */
@Component
public class IncidentEscalator {

  public static final int TOP_LEVEL = 3;
  public static final String BREACH_COUNTER = "handoff.incidents.sla.breaches";
  public static final String RESPONSE_BREACH_COUNTER = "handoff.incidents.response.breaches";
  public static final String RESOLUTION = "RESOLUTION";
  public static final String RESPONSE = "RESPONSE";
  private static final Logger log = LoggerFactory.getLogger(IncidentEscalator.class);

  private final IncidentRepository incidents;
  private final DecisionLedger ledger;
  private final TaskService taskService;
  private final MeterRegistry meters;
  private final SlaClocks clocks;

  public IncidentEscalator(
      IncidentRepository incidents,
      TaskService taskService,
      MeterRegistry meters,
      DecisionLedger ledger,
      SlaClocks clocks) {
    this.clocks = clocks;
    this.incidents = incidents;
    this.ledger = ledger;
    this.taskService = taskService;
    this.meters = meters;
  }

  /** The resolution target passed: next level, with a fresh resolution window there. */
  public Escalation escalate(DelegateExecution execution) {
    return escalate(execution, RESOLUTION);
  }

  /**
   * The response target passed with no first response: the breach is recorded and the incident
   * moves up one level like a missed resolution, its resolution clock running on.
   */
  public Escalation escalateMissedResponse(DelegateExecution execution) {
    incidents.recordResponseBreach(incidentId(execution), EngineClock.now());
    return escalate(execution, RESPONSE);
  }

  private Escalation escalate(DelegateExecution execution, String kind) {
    boolean resolution = RESOLUTION.equals(kind);
    String incidentId = incidentId(execution);
    String priority = priority(execution);
    int level = escalationLevel(execution);
    String group = requiredString(execution, ASSIGNED_GROUP);
    Instant now = EngineClock.now();
    Instant missedDue =
        OffsetDateTime.parse(requiredString(execution, resolution ? SLA_DUE : RESPONSE_DUE))
            .toInstant();

    Counter.builder(resolution ? BREACH_COUNTER : RESPONSE_BREACH_COUNTER)
        .description(
            resolution
                ? "Incidents that reached their SLA resolution target, by priority and level"
                : "Incidents that reached their response target with no first response, by"
                    + " priority and level")
        .tag("priority", priority)
        .tag("level", String.valueOf(level))
        .register(meters)
        .increment();

    int toLevel = Math.min(level + 1, TOP_LEVEL);
    String toGroup =
        switch (toLevel) {
          case 2 -> requiredString(execution, SECOND_LEVEL_GROUP);
          case TOP_LEVEL -> requiredString(execution, TOP_LEVEL_GROUP);
          default -> group;
        };
    if (level >= TOP_LEVEL) {
      toGroup = group;
    }
    moveResolveTask(execution.getProcessInstanceId(), group, toGroup);

    SlaWindow next = resolution ? clocks.resolutionWindow(execution, now, toGroup) : null;
    Escalation escalation =
        new Escalation(kind, level, toLevel, group, toGroup, priority, missedDue, now);
    incidents.escalate(incidentId, escalation, next == null ? null : next.due());
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("kind", kind);
    inputs.put("priority", priority);
    inputs.put("level", level);
    inputs.put("group", group);
    inputs.put("missedDue", missedDue.toString());
    ledger.record(
        Draft.of(DecisionContext.of(execution), "ESCALATION", DecidedBy.PLATFORM)
            .inputs(inputs)
            .outcome(toGroup)
            .reason(
                (resolution ? "SLA target" : "Response target")
                    + " missed at level "
                    + level
                    + "; now level "
                    + toLevel));
    setString(execution, ASSIGNED_GROUP, toGroup);
    setInteger(execution, ESCALATION_LEVEL, toLevel);
    setBoolean(execution, FURTHER_ESCALATION_POSSIBLE, toLevel < TOP_LEVEL);
    setString(execution, LAST_ESCALATION, kind);
    if (next != null) {
      setSlaWindow(execution, next);
    }
    log.warn(
        "Incident {} ({}) missed its {} target {} at level {} with {}; now level {} with {},"
            + " next resolution target {}, process instance {}",
        incidentId,
        kind.toLowerCase(java.util.Locale.ROOT),
        priority,
        missedDue,
        level,
        group,
        toLevel,
        toGroup,
        next == null ? string(execution, SLA_DUE) : next.dueIso(),
        execution.getProcessInstanceId());
    return escalation;
  }

  private void moveResolveTask(String processInstanceId, String fromGroup, String toGroup) {
    if (fromGroup.equals(toGroup)) {
      return;
    }
    for (Task task :
        taskService
            .createTaskQuery()
            .processInstanceId(processInstanceId)
            .taskDefinitionKey(RESOLVE_TASK)
            .list()) {
      taskService.deleteCandidateGroup(task.getId(), fromGroup);
      taskService.addCandidateGroup(task.getId(), toGroup);
      if (task.getAssignee() != null) {
        taskService.setAssignee(task.getId(), null);
      }
    }
  }
}
