package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.errors.ApiProblemException;
import io.handoff.platform.governance.People;
import io.handoff.platform.persistence.Fingerprints;
import io.handoff.platform.persistence.FirstWriteWins;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What integrators do with incidents: report one (the process runs to its first wait state inside
 * the request, so the answer carries the priority), feed Alertmanager notifications, confirm or
 * reopen a resolved incident, read one.
 */
@Service
public class IncidentService {

  private static final Logger log = LoggerFactory.getLogger(IncidentService.class);

  private final RuntimeService runtimeService;
  private final IncidentRepository incidents;
  private final FirstWriteWins firstWriteWins;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final People people;

  public IncidentService(
      RuntimeService runtimeService,
      IncidentRepository incidents,
      FirstWriteWins firstWriteWins,
      TaskService taskService,
      IdentityService identityService,
      People people) {
    this.taskService = taskService;
    this.identityService = identityService;
    this.people = people;
    this.runtimeService = runtimeService;
    this.incidents = incidents;
    this.firstWriteWins = firstWriteWins;
  }

  /**
   * @param incident the incident
   * @param created false when the report repeated one whose incident is still open
   */
  public record Reported(Incident incident, boolean created) {}

  /**
   * A report through the domain API: the same report again (every field the same) while its
   * incident is open is answered with that incident, also when both arrive at the same moment, so
   * that a retried call opens nothing new (and a password reset runs once). Once the incident is
   * closed, the same report opens a new one.
   */
  public Reported reportOnce(NewIncident incident) {
    String fingerprint =
        Fingerprints.of(
            incident.title(),
            incident.description(),
            incident.reporter(),
            incident.service(),
            incident.impact(),
            incident.urgency(),
            incident.category(),
            incident.knownRequest(),
            incident.source());
    return firstWriteWins.create(
        () ->
            openReport(fingerprint)
                .orElseGet(
                    () -> {
                      String id = UUID.randomUUID().toString();
                      runtimeService.startProcessInstanceByKey(
                          PROCESS_KEY,
                          id,
                          IncidentVariables.startVariables(id, incident, fingerprint));
                      return new Reported(incidents.find(id).orElseThrow(), true);
                    }),
        () -> openReport(fingerprint));
  }

  private Optional<Reported> openReport(String fingerprint) {
    return incidents.findOpenByRequestHash(fingerprint).map(i -> new Reported(i, false));
  }

  /**
   * Feeds an Alertmanager notification. A delivery that loses the race for an alert's incident to a
   * delivery at the same moment (another node, an Alertmanager cluster) is rolled back whole and
   * taken again, and then finds that incident open, as it would a moment later.
   */
  public List<AlertOutcome> receiveAlertsOnce(List<AlertIntake> alerts) {
    return firstWriteWins.create(() -> receiveAlerts(alerts), Optional::empty);
  }

  /** Starts the process for a validated report and returns the incident as registered. */
  @Transactional
  public Incident report(NewIncident incident) {
    String id = UUID.randomUUID().toString();
    runtimeService.startProcessInstanceByKey(
        PROCESS_KEY, id, IncidentVariables.startVariables(id, incident));
    return incidents.find(id).orElseThrow();
  }

  /**
   * Opens, skips or resolves one incident per alert, or for a grouped alert links it to its group's
   * parent incident; all or nothing.
   */
  @Transactional
  public List<AlertOutcome> receiveAlerts(List<AlertIntake> alerts) {
    List<AlertOutcome> outcomes = new ArrayList<>();
    for (AlertIntake alert : alerts) {
      if (alert.group() != null) {
        outcomes.add(receiveGroupedAlert(alert));
        continue;
      }
      var open = incidents.findOpenByFingerprint(alert.fingerprint());
      if (alert.firing()) {
        if (open.isPresent()) {
          outcomes.add(AlertOutcome.of(alert, AlertOutcome.Result.ALREADY_OPEN, open.get()));
        } else {
          outcomes.add(
              AlertOutcome.of(alert, AlertOutcome.Result.OPENED, report(alert.incident())));
        }
      } else if (open.isEmpty()) {
        outcomes.add(AlertOutcome.of(alert, AlertOutcome.Result.NOT_OPEN, null));
      } else {
        runtimeService
            .createMessageCorrelation(MESSAGE_ALERT_RESOLVED)
            .processInstanceBusinessKey(open.get().id())
            .correlateWithResult();
        log.info("Incident {}: alert {} resolved", open.get().id(), alert.fingerprint());
        outcomes.add(
            AlertOutcome.of(
                alert,
                AlertOutcome.Result.RESOLVED,
                incidents.find(open.get().id()).orElseThrow()));
      }
    }
    return outcomes;
  }

  private AlertOutcome receiveGroupedAlert(AlertIntake alert) {
    String parentFingerprint = alert.groupFingerprint();
    var open = incidents.findOpenByFingerprint(parentFingerprint);
    Instant now = EngineClock.now();
    if (alert.firing()) {
      if (open.isPresent()) {
        boolean linked = incidents.linkAlert(open.get().id(), alert, now);
        return AlertOutcome.of(
            alert,
            linked ? AlertOutcome.Result.LINKED : AlertOutcome.Result.ALREADY_OPEN,
            open.get());
      }
      NewIncident first = alert.incident();
      Incident parent =
          report(
              new NewIncident(
                  truncate("Alert group: " + first.title(), IncidentIntakeRules.TITLE_MAX),
                  first.description(),
                  first.reporter(),
                  first.service(),
                  first.impact(),
                  first.urgency(),
                  first.category(),
                  KnownRequest.NONE,
                  IncidentSource.ALERTMANAGER,
                  parentFingerprint));
      incidents.linkAlert(parent.id(), alert, now);
      log.info("Incident {} opened for alert group {}", parent.id(), alert.group());
      return AlertOutcome.of(alert, AlertOutcome.Result.OPENED, parent);
    }
    if (open.isEmpty()) {
      return AlertOutcome.of(alert, AlertOutcome.Result.NOT_OPEN, null);
    }
    String parentId = open.get().id();
    incidents.resolveAlert(parentId, alert.fingerprint(), now);
    if (incidents.firingAlerts(parentId) > 0) {
      return AlertOutcome.of(alert, AlertOutcome.Result.CHILD_RESOLVED, open.get());
    }
    runtimeService
        .createMessageCorrelation(MESSAGE_ALERT_RESOLVED)
        .processInstanceBusinessKey(parentId)
        .correlateWithResult();
    log.info("Incident {}: the last alert of group {} resolved", parentId, alert.group());
    return AlertOutcome.of(
        alert, AlertOutcome.Result.RESOLVED, incidents.find(parentId).orElseThrow());
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  @Transactional
  public IncidentView confirm(String id) {
    return answerConfirmation(id, MESSAGE_REPORTER_CONFIRMED, null);
  }

  @Transactional
  public IncidentView reopen(String id, String reason) {
    return answerConfirmation(id, MESSAGE_REPORTER_REOPENED, reason);
  }

  @Transactional(readOnly = true)
  public IncidentView view(String id) {
    Incident incident = incidents.find(id).orElseThrow(() -> notFound(id));
    return IncidentView.of(
        incident,
        incidents.escalations(id),
        incidents.responseClock(id).orElseThrow(),
        incidents.pauses(id),
        incidents.reopens(id),
        incidents.alerts(id));
  }

  /**
   * The resolver asks the reporter a question: "Resolve incident" is completed under {@code
   * askedBy}'s login with the question, as in the Tasklist; the SLA clock stops until the answer.
   * Only the task's assignee or a member of the assigned group may ask (403).
   */
  @Transactional
  public IncidentView ask(String id, String question, String askedBy) {
    Incident incident = incidents.find(id).orElseThrow(() -> notFound(id));
    Task task = openTask(incident, RESOLVE_TASK, "is not being worked; a question can be asked");
    boolean resolver =
        (task.getAssignee() != null && people.samePerson(askedBy, task.getAssignee()))
            || people.members(incident.assignedGroup()).contains(askedBy);
    if (!resolver) {
      throw new ApiProblemException(
          HttpStatus.FORBIDDEN,
          "resolver-only",
          askedBy
              + " is neither the assignee of incident "
              + id
              + " nor a member of "
              + incident.assignedGroup()
              + "; only its resolver may ask the reporter");
    }
    completeAs(
        askedBy,
        task,
        Variables.createVariables()
            .putValue(RESOLVE_OUTCOME, OUTCOME_ASK_REPORTER)
            .putValue(REPORTER_QUESTION, question));
    return view(id);
  }

  /**
   * The reporter answers the resolver's question under {@code answeredBy}'s name, which must be the
   * incident's reporter (403); the SLA clock resumes with the time that was left.
   */
  @Transactional
  public IncidentView answer(String id, String answer, String answeredBy) {
    Incident incident = incidents.find(id).orElseThrow(() -> notFound(id));
    if (!people.samePerson(answeredBy, incident.reporter())) {
      throw new ApiProblemException(
          HttpStatus.FORBIDDEN,
          "reporter-only",
          "Only the reporter of incident " + id + " may answer the resolver's question");
    }
    Task task = openTask(incident, ANSWER_TASK, "has no question waiting for the reporter");
    completeAs(answeredBy, task, Variables.createVariables().putValue(REPORTER_ANSWER, answer));
    return view(id);
  }

  private Task openTask(Incident incident, String taskKey, String conflict) {
    Task task =
        incident.processInstanceId() == null
            ? null
            : taskService
                .createTaskQuery()
                .processInstanceId(incident.processInstanceId())
                .taskDefinitionKey(taskKey)
                .singleResult();
    if (task == null) {
      throw ApiProblemException.conflict(
          "incident-not-" + (ANSWER_TASK.equals(taskKey) ? "awaiting-reporter" : "in-work"),
          "Incident " + incident.id() + " is " + incident.status() + " and " + conflict);
    }
    return task;
  }

  private void completeAs(String userId, Task task, Map<String, Object> variables) {
    List<String> groups =
        identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(org.camunda.bpm.engine.identity.Group::getId)
            .toList();
    identityService.setAuthentication(userId, groups);
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private IncidentView answerConfirmation(String id, String message, String reason) {
    Incident incident = incidents.find(id).orElseThrow(() -> notFound(id));
    if (incident.status() != IncidentStatus.RESOLVED) {
      throw ApiProblemException.conflict(
          "incident-not-resolved",
          "Incident "
              + id
              + " is "
              + incident.status()
              + "; only a RESOLVED incident can be"
              + " confirmed or reopened");
    }
    try {
      var correlation =
          runtimeService.createMessageCorrelation(message).processInstanceBusinessKey(id);
      if (reason != null) {
        correlation.setVariable(REOPEN_REASON, Variables.stringValue(reason));
      }
      correlation.correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw ApiProblemException.conflict(
          "incident-not-awaiting-answer",
          "Incident " + id + " is not waiting for the reporter's answer yet; try again shortly");
    }
    return view(id);
  }

  private static ApiProblemException notFound(String id) {
    return ApiProblemException.notFound("No incident " + id);
  }
}
