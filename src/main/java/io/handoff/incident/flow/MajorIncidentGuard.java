package io.handoff.incident.flow;

import static io.handoff.incident.IncidentVariables.*;
import static io.handoff.platform.engine.ProcessVariables.*;

import io.handoff.incident.Incident;
import io.handoff.incident.MajorIncident;
import io.handoff.incident.MajorIncidentRules;
import io.handoff.incident.store.IncidentRepository;
import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.governance.ControlRefusedException;
import io.handoff.platform.governance.InvalidTaskInputException;
import io.handoff.platform.governance.People;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * The controls of a major incident, read from the incident tables, the task's candidate groups (set
 * in BPMN) and the login, never from variables: only a member of the declaration task's group
 * declares ({@code ${majorIncident.deciding(task)}}), only a P1 can be declared, what is linked
 * must be linkable, and only a member of the review task's group reviews ({@code
 * ${majorIncident.reviewing(task)}}). What they decided is kept in {@code incident_major_decision}
 * for the step that records it, never taken from variables. {@code
 * ${majorIncident.declared(execution)}} answers the gateways.
 */
@Component("majorIncident")
public class MajorIncidentGuard {

  private final IncidentRepository incidents;
  private final MajorIncidentRepository majors;
  private final MajorIncidentRules rules;
  private final People people;

  public MajorIncidentGuard(
      IncidentRepository incidents,
      MajorIncidentRepository majors,
      MajorIncidentRules rules,
      People people) {
    this.incidents = incidents;
    this.majors = majors;
    this.rules = rules;
    this.people = people;
  }

  /** Whether the incident has been declared a major incident. */
  public boolean declared(DelegateExecution execution) {
    return majors.isMajor(incidentId(execution));
  }

  /**
   * On completing "Declare major incident?": who decides, and whether the declaration holds; what
   * was decided is kept for "Record major incident decision", which takes it once.
   */
  public void deciding(DelegateTask task) {
    Incident incident = incident(task);
    String decider = people.deciderOn(task).orElse(null);
    String group = memberGroup(task, decider).orElse(null);
    if (group == null) {
      throw new ControlRefusedException(
          "major-incident-declarer",
          "Only a member of "
              + String.join(", ", candidateGroups(task))
              + " may decide whether incident "
              + incident.id()
              + " is a major incident");
    }
    String decision = string(task, MAJOR_DECISION);
    String reason = string(task, MAJOR_REASON);
    List<String> related = MajorIncidentRules.parseIds(string(task, MAJOR_RELATED));
    Map<String, String> problems = new LinkedHashMap<>();
    if (!MAJOR_DECLARE.equals(decision) && !MAJOR_NOT_MAJOR.equals(decision)) {
      problems.put(MAJOR_DECISION, "must be " + MAJOR_DECLARE + " or " + MAJOR_NOT_MAJOR);
    } else if (MAJOR_DECLARE.equals(decision)) {
      // a declaration and a link of the same incidents at the same moment take turns
      List<String> locked = new java.util.ArrayList<>(related);
      locked.add(incident.id());
      majors.lock(locked);
      if (majors.isMajor(incident.id())) {
        // another request declared it while this one waited for the lock: that one won
        throw new OptimisticLockingException(
            "Incident "
                + incident.id()
                + " was declared a major incident by another request at the same moment.");
      }
      rules.declarationProblem(incident.id()).ifPresent(p -> problems.put(MAJOR_DECISION, p));
      if (reason == null || reason.isBlank()) {
        problems.put(MAJOR_REASON, "must not be empty when declaring a major incident");
      }
      List<FieldProblem> links = rules.linkProblems(incident.id(), related, MAJOR_RELATED, false);
      if (!links.isEmpty()) {
        problems.put(
            MAJOR_RELATED, String.join("; ", links.stream().map(FieldProblem::message).toList()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidTaskInputException("The major incident decision is incomplete", problems);
    }
    majors.recordDecision(
        incident.id(),
        new MajorIncident.Decision(
            MajorIncident.Decision.DECISION,
            task.getId(),
            decider,
            group,
            decision,
            MAJOR_DECLARE.equals(decision) ? reason : blankToNull(reason),
            MAJOR_DECLARE.equals(decision) ? related : List.of(),
            null,
            EngineClock.now()));
  }

  /**
   * On completing "Major incident review": who reviews, and that the review says something; the
   * review is kept for "Record major incident review", which takes it once.
   */
  public void reviewing(DelegateTask task) {
    Incident incident = incident(task);
    String reviewer = people.deciderOn(task).orElse(null);
    String group = memberGroup(task, reviewer).orElse(null);
    if (group == null) {
      throw new ControlRefusedException(
          "major-incident-reviewer",
          "Only a member of "
              + String.join(", ", candidateGroups(task))
              + " may review major incident "
              + incident.id());
    }
    Map<String, String> problems = new LinkedHashMap<>();
    for (String field : List.of(REVIEW_SUMMARY, REVIEW_ACTIONS)) {
      String value = string(task, field);
      if (value == null || value.isBlank()) {
        problems.put(field, "must not be empty");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidTaskInputException("The major incident review is incomplete", problems);
    }
    majors.recordDecision(
        incident.id(),
        new MajorIncident.Decision(
            MajorIncident.Decision.REVIEW,
            task.getId(),
            reviewer,
            group,
            "REVIEWED",
            string(task, REVIEW_SUMMARY),
            List.of(),
            string(task, REVIEW_ACTIONS),
            EngineClock.now()));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private Optional<String> memberGroup(DelegateTask task, String userId) {
    return people.groupAmong(userId, candidateGroups(task));
  }

  /**
   * The groups the BPMN names for the task, not the candidates it has now: an administrator who
   * adds a group of their own to the task does not make its members deciders.
   */
  private static List<String> candidateGroups(DelegateTask task) {
    boolean candidates =
        task.getCandidates().stream()
            .anyMatch(
                link ->
                    IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null);
    if (!candidates
        && task.getProcessEngineServices()
                .getTaskService()
                .createTaskQuery()
                .taskId(task.getId())
                .count()
            == 0) {
      // completed by a request at the same moment, which removed its candidates: that request won
      throw new OptimisticLockingException(
          "Task " + task.getId() + " was completed by another request at the same moment.");
    }
    return ((TaskEntity) task)
        .getTaskDefinition().getCandidateGroupIdExpressions().stream()
            .map(expression -> expression.getValue(task.getExecution()))
            .filter(java.util.Objects::nonNull)
            .flatMap(
                named ->
                    named instanceof java.util.Collection<?> several
                        ? several.stream().map(String::valueOf)
                        : java.util.Arrays.stream(String.valueOf(named).split(",")))
            .map(String::trim)
            .filter(group -> !group.isEmpty())
            .distinct()
            .sorted()
            .toList();
  }

  private Incident incident(DelegateTask task) {
    return incidents.find(incidentId(task.getExecution())).orElseThrow();
  }
}
