package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.DECLARE_MAJOR_TASK;

import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.decision.Rules;
import io.handoff.platform.governance.People;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/**
 * When the resolution clock may stop for a question to the reporter, the same for the Tasklist's
 * "Resolve incident" (400) and {@code POST /api/incidents/{id}/questions} (409).
 */
@Component
public class SlaPauseRules {

  private final MajorIncidentRepository majors;
  private final TaskService taskService;
  private final People people;

  public SlaPauseRules(MajorIncidentRepository majors, TaskService taskService, People people) {
    this.majors = majors;
    this.taskService = taskService;
    this.people = people;
  }

  /**
   * Whether {@code userId} is the incident's resolver, who may ask the reporter: the assignee of
   * its "Resolve incident" or a member of the group the incident is assigned to.
   */
  public boolean resolver(Incident incident, String assignee, String userId) {
    return userId != null
        && ((assignee != null && people.samePerson(userId, assignee))
            || people.members(incident.assignedGroup()).contains(userId));
  }

  /** Why an incident's clock may not stop for a question: a problem type and its detail. */
  public record Refusal(String type, String detail) {}

  /**
   * Why the incident's resolution clock may not stop for a question to its reporter, if it may not:
   * a major incident's clock does not stop; a P1 whose major incident decision is open would
   * withdraw the it-managers' decision until the answer; an alert has nobody to answer.
   */
  public Optional<Refusal> refusal(Incident incident) {
    String id = incident.id();
    if (majors.isMajor(id)) {
      return Optional.of(
          new Refusal(
              "major-incident-no-pause",
              "Incident "
                  + id
                  + " is a major incident: its clock does not stop for a question to the"
                  + " reporter"));
    }
    if (openMajorDecision(incident)) {
      return Optional.of(
          new Refusal(
              "major-decision-open",
              "Incident "
                  + id
                  + " waits for the decision whether it is a major incident: its clock does not"
                  + " stop for a question to the reporter"));
    }
    if (incident.source() == IncidentSource.ALERTMANAGER) {
      return Optional.of(
          new Refusal(
              "alert-has-no-reporter",
              "Incident " + id + " was opened by an alert: nobody can answer a question"));
    }
    return Optional.empty();
  }

  /** Whether the it-managers' "Declare major incident?" is open, read as the process reads it. */
  private boolean openMajorDecision(Incident incident) {
    return incident.processInstanceId() != null
        && Rules.asProcess(
                () ->
                    taskService
                        .createTaskQuery()
                        .processInstanceId(incident.processInstanceId())
                        .taskDefinitionKey(DECLARE_MAJOR_TASK)
                        .count())
            > 0;
  }
}
