package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.Incident;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.governance.ControlRefusedException;
import io.handoff.platform.governance.InvalidTaskInputException;
import io.handoff.platform.governance.People;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The controls of the SLA pause, read from the {@code incident} table and the login, never from
 * variables: only the resolver (the task's assignee or a member of the group the incident is
 * assigned to) may ask the reporter a question ({@code ${reporterQuestionGuard.asking(task)}} on
 * "Resolve incident"), and only the reporter may answer it ({@code
 * ${reporterQuestionGuard.answering(task)}} on "Answer the resolver's question").
 */
@Component("reporterQuestionGuard")
public class ReporterQuestionGuard {

  private final IncidentRepository incidents;
  private final People people;
  private final MajorIncidentRepository majors;

  public ReporterQuestionGuard(
      IncidentRepository incidents, People people, MajorIncidentRepository majors) {
    this.majors = majors;
    this.incidents = incidents;
    this.people = people;
  }

  /** On completing "Resolve incident": when it asks the reporter, who asks and what. */
  public void asking(DelegateTask task) {
    if (!OUTCOME_ASK_REPORTER.equals(string(task, RESOLVE_OUTCOME))) {
      return;
    }
    String question = string(task, REPORTER_QUESTION);
    if (question == null || question.isBlank()) {
      throw new InvalidTaskInputException(
          "A question for the reporter needs its text",
          Map.of(REPORTER_QUESTION, "must not be empty when asking the reporter"));
    }
    Incident incident = incident(task);
    if (majors.isMajor(incident.id())) {
      throw new InvalidTaskInputException(
          "A major incident's clock does not stop for a question",
          Map.of(
              RESOLVE_OUTCOME,
              "incident "
                  + incident.id()
                  + " is a major incident: ask the reporter without stopping its clock"));
    }
    String asker = people.deciderOn(task).orElse(null);
    boolean resolver =
        asker != null
            && ((task.getAssignee() != null && people.samePerson(asker, task.getAssignee()))
                || people.members(incident.assignedGroup()).contains(asker));
    if (!resolver) {
      throw new ControlRefusedException(
          "resolver-only",
          "Only the resolver of incident "
              + incident.id()
              + " (its assignee or a member of "
              + incident.assignedGroup()
              + ") may ask the reporter a question");
    }
    task.getExecution().setVariable(RESOLVED_OR_ASKED_BY, asker);
  }

  /** On completing "Answer the resolver's question": only the reporter answers. */
  public void answering(DelegateTask task) {
    Incident incident = incident(task);
    String answerer = people.caller().orElse(null);
    if (answerer == null || !people.samePerson(answerer, incident.reporter())) {
      throw new ControlRefusedException(
          "reporter-only",
          "Only the reporter of incident " + incident.id() + " may answer the resolver's question");
    }
    String answer = string(task, REPORTER_ANSWER);
    if (answer == null || answer.isBlank()) {
      throw new InvalidTaskInputException(
          "The answer needs its text", Map.of(REPORTER_ANSWER, "must not be empty"));
    }
    task.getExecution().setVariable(ANSWERED_BY, answerer);
  }

  private Incident incident(DelegateTask task) {
    return incidents.find(incidentId(task.getExecution())).orElseThrow();
  }
}
