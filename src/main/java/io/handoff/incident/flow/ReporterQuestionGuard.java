package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.Incident;
import io.handoff.incident.SlaPauseRules;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.governance.ControlRefusedException;
import io.handoff.platform.governance.InvalidTaskInputException;
import io.handoff.platform.governance.People;
import java.util.LinkedHashMap;
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
  private final SlaPauseRules pauseRules;

  public ReporterQuestionGuard(
      IncidentRepository incidents, People people, SlaPauseRules pauseRules) {
    this.pauseRules = pauseRules;
    this.incidents = incidents;
    this.people = people;
  }

  /**
   * On completing "Resolve incident": a resolution needs its code and notes; a question needs its
   * text, an incident whose reporter can answer, and who asks. Texts of an earlier question or
   * resolution do not count: they are removed when the clock resumes or the incident is reopened.
   */
  public void asking(DelegateTask task) {
    if (!OUTCOME_ASK_REPORTER.equals(string(task, RESOLVE_OUTCOME))) {
      Map<String, String> missing = new LinkedHashMap<>();
      if (blank(string(task, RESOLUTION_CODE))) {
        missing.put(RESOLUTION_CODE, "must not be empty when resolving the incident");
      }
      if (blank(string(task, RESOLUTION_NOTES))) {
        missing.put(RESOLUTION_NOTES, "must not be empty when resolving the incident");
      }
      if (!missing.isEmpty()) {
        throw new InvalidTaskInputException("A resolution needs its code and notes", missing);
      }
      return;
    }
    if (blank(string(task, REPORTER_QUESTION))) {
      throw new InvalidTaskInputException(
          "A question for the reporter needs its text",
          Map.of(REPORTER_QUESTION, "must not be empty when asking the reporter"));
    }
    Incident incident = incident(task);
    String asker = people.deciderOn(task).orElse(null);
    if (!pauseRules.resolver(incident, task.getAssignee(), asker)) {
      throw new ControlRefusedException(
          "resolver-only",
          "Only the resolver of incident "
              + incident.id()
              + " (its assignee or a member of "
              + incident.assignedGroup()
              + ") may ask the reporter a question");
    }
    pauseRules
        .refusal(incident)
        .ifPresent(
            refusal -> {
              throw new InvalidTaskInputException(
                  refusal.detail(), Map.of(RESOLVE_OUTCOME, refusal.detail()));
            });
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
    if (blank(string(task, REPORTER_ANSWER))) {
      throw new InvalidTaskInputException(
          "The answer needs its text", Map.of(REPORTER_ANSWER, "must not be empty"));
    }
    task.getExecution().setVariable(ANSWERED_BY, answerer);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private Incident incident(DelegateTask task) {
    return incidents.find(incidentId(task.getExecution())).orElseThrow();
  }
}
