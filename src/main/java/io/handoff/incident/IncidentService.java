package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;

import io.handoff.incident.store.IncidentRepository;
import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.engine.EngineClock;
import io.handoff.platform.errors.ApiProblemException;
import io.handoff.platform.errors.FieldProblem;
import io.handoff.platform.errors.InvalidRequestException;
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
import org.camunda.bpm.engine.OptimisticLockingException;
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
  private final MajorIncidentRepository majors;
  private final MajorIncidentRules majorRules;
  private final SlaPauseRules pauseRules;

  public IncidentService(
      RuntimeService runtimeService,
      IncidentRepository incidents,
      FirstWriteWins firstWriteWins,
      TaskService taskService,
      IdentityService identityService,
      People people,
      MajorIncidentRepository majors,
      MajorIncidentRules majorRules,
      SlaPauseRules pauseRules) {
    this.pauseRules = pauseRules;
    this.majors = majors;
    this.majorRules = majorRules;
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
      } else if (majors.isMajor(open.get().id())) {
        log.info(
            "Major incident {}: alert {} resolved, kept open",
            open.get().id(),
            alert.fingerprint());
        outcomes.add(AlertOutcome.of(alert, AlertOutcome.Result.KEPT_OPEN, open.get()));
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
    if (majors.isMajor(parentId)) {
      log.info(
          "Major incident {}: the last alert of group {} resolved, kept open",
          parentId,
          alert.group());
      return AlertOutcome.of(alert, AlertOutcome.Result.KEPT_OPEN, open.get());
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
        incidents.alerts(id),
        majors.find(id).map(m -> MajorIncident.View.of(m, majors.related(id))).orElse(null),
        majors.majorOf(id).orElse(null));
  }

  /**
   * Declares a P1 a major incident: the incident's "Declare major incident?" task is completed
   * under {@code declaredBy}'s name, as in the Tasklist. Only a member of the task's group may
   * (403); the incident must be a P1 being worked and not a major incident already (409); every
   * related incident must be linkable (400, one entry per id).
   */
  @Transactional
  public IncidentView declareMajor(
      String id, String declaredBy, String reason, List<String> relatedIncidents) {
    Incident incident = incidents.find(id).orElseThrow(() -> notFound(id));
    majorRules
        .declarationProblem(id)
        .ifPresent(
            problem -> {
              throw ApiProblemException.conflict(
                  majors.isMajor(id) ? "major-incident-declared" : "major-incident-not-possible",
                  "Incident " + id + " cannot be declared a major incident: " + problem);
            });
    Task task =
        openTask(
            incident,
            DECLARE_MAJOR_TASK,
            "no major incident decision is open for it: only a P1 being worked can be declared");
    requireCandidate(task, declaredBy, "major-incident-declarer", "declare incident " + id);
    InvalidRequestException.throwIfAny(
        majorRules.linkProblems(id, relatedIncidents, "relatedIncidents", true));
    completeAs(
        declaredBy,
        task,
        Variables.createVariables()
            .putValue(MAJOR_DECISION, MAJOR_DECLARE)
            .putValue(MAJOR_REASON, reason)
            .putValue(MAJOR_RELATED, String.join(",", relatedIncidents)));
    return view(id);
  }

  /**
   * Links incidents to a major incident. Only a member of the group that may declare it may link
   * (403); it must be a major incident that is not closed (409); every id must be linkable (400).
   */
  @Transactional
  public IncidentView linkToMajor(String id, String linkedBy, List<String> relatedIncidents) {
    Incident incident = incidents.find(id).orElseThrow(() -> notFound(id));
    MajorIncident major =
        majors
            .find(id)
            .orElseThrow(
                () ->
                    ApiProblemException.conflict(
                        "not-a-major-incident", "Incident " + id + " is not a major incident"));
    if (incident.status() == IncidentStatus.CLOSED) {
      throw ApiProblemException.conflict("incident-closed", "Major incident " + id + " is closed");
    }
    if (people.groupAmong(linkedBy, List.of(major.declareGroup())).isEmpty()) {
      throw new ApiProblemException(
          HttpStatus.FORBIDDEN,
          "major-incident-declarer",
          linkedBy
              + " is not a member of "
              + major.declareGroup()
              + "; only its members may link incidents to major incident "
              + id);
    }
    // a declaration and a link of the same incidents at the same moment take turns
    List<String> locked = new ArrayList<>(relatedIncidents);
    locked.add(id);
    majors.lock(locked);
    List<FieldProblem> problems =
        majorRules.linkProblems(id, relatedIncidents, "incidentIds", true);
    InvalidRequestException.throwIfAny(problems);
    Instant now = EngineClock.now();
    relatedIncidents.forEach(relatedId -> majors.link(id, relatedId, linkedBy, now));
    return view(id);
  }

  private void requireCandidate(Task task, String userId, String control, String action) {
    List<String> groups =
        taskService.getIdentityLinksForTask(task.getId()).stream()
            .filter(
                link ->
                    org.camunda.bpm.engine.task.IdentityLinkType.CANDIDATE.equals(link.getType()))
            .map(org.camunda.bpm.engine.task.IdentityLink::getGroupId)
            .filter(java.util.Objects::nonNull)
            .toList();
    if (people.groupAmong(userId, groups).isEmpty()) {
      throw new ApiProblemException(
          HttpStatus.FORBIDDEN,
          control,
          userId + " is not a member of " + String.join(", ", groups) + " and may not " + action);
    }
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
    if (!pauseRules.resolver(incident, task.getAssignee(), askedBy)) {
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
    pauseRules
        .refusal(incident)
        .ifPresent(
            refusal -> {
              throw ApiProblemException.conflict(refusal.type(), refusal.detail());
            });
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
    } catch (org.camunda.bpm.engine.exception.NotFoundException missing) {
      // found open a moment ago; gone now (looked up without the user's authorizations): another
      // request completed it or ended the incident's work at the same moment, and that one won
      identityService.clearAuthentication();
      if (!("Cannot find task with id " + task.getId()).equals(missing.getMessage())
          || taskService.createTaskQuery().taskId(task.getId()).count() > 0) {
        throw missing;
      }
      throw new OptimisticLockingException(
          "Task "
              + task.getId()
              + " was completed or ended by another request at the same moment.");
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
