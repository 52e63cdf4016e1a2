package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.incidentId;

import io.handoff.incident.OnCallNotifier;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.governance.People;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On "Resolve incident" (events {@code assignment} and {@code complete}): the first claim, or a
 * resolution without one, is the incident's first response; it stops the response clock. A claim
 * (or that resolution) acknowledges the incident's page if its latest page is not acknowledged yet:
 * the first response to a paged P1, and the claim after a page for an escalation.
 */
@Component("recordFirstResponse")
public class RecordFirstResponseListener implements TaskListener {

  private static final Logger log = LoggerFactory.getLogger(RecordFirstResponseListener.class);

  private final IncidentRepository incidents;
  private final People people;
  private final OnCallNotifier onCall;

  public RecordFirstResponseListener(
      IncidentRepository incidents, People people, OnCallNotifier onCall) {
    this.incidents = incidents;
    this.people = people;
    this.onCall = onCall;
  }

  @Override
  public void notify(DelegateTask task) {
    String by =
        TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName())
            ? task.getAssignee()
            : people.deciderOn(task).orElse(task.getAssignee());
    if (TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName()) && by == null) {
      return;
    }
    String incidentId = incidentId(task.getExecution());
    boolean first = incidents.recordFirstResponse(incidentId, by, EngineClock.now());
    if (by != null) {
      onCall.acknowledge(incidentId, task.getProcessInstanceId(), by);
    }
    if (first) {
      log.info(
          "Incident {}: first response by {} ({}), process instance {}",
          incidentId,
          by,
          task.getEventName(),
          task.getProcessInstanceId());
    }
  }
}
