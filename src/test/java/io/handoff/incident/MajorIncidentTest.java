package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.handoff.platform.decision.LedgerEntry;
import io.handoff.support.Concurrently;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.TasklistApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * Major incidents: a member of the group the BPMN task names declares a P1 a major incident (in the
 * Tasklist or through the API), the stakeholder channel hears of it at once and on the BPMN cadence
 * until the service is restored, related incidents are linked to it, and it cannot close before its
 * review, on every surface and whoever tries.
 */
@HandoffSpringTest
class MajorIncidentTest extends MajorIncidentTestSupport {

  /** What must stay the same when a refused attempt is made. */
  private record Snapshot(
      IncidentStatus status,
      Optional<MajorIncident> major,
      List<String> notifications,
      List<String> openTasks,
      int ledgerEntries,
      Object decisionVariable) {}

  private Snapshot snapshot(Incident incident) {
    Incident now = reload(incident);
    return new Snapshot(
        now.status(),
        majors.find(incident.id()),
        incidents.notifications(incident.id()),
        taskService
            .createTaskQuery()
            .processInstanceId(incident.processInstanceId())
            .list()
            .stream()
            .map(t -> t.getTaskDefinitionKey() + "/" + t.getId())
            .sorted()
            .toList(),
        ledger.ofInstance(incident.processInstanceId()).size(),
        runtimeService.getVariable(incident.processInstanceId(), MAJOR_DECISION));
  }

  @Test
  void
      aMajorIncidentDeclaredInTheTasklistInformsStakeholdersOnTheCadenceAndClosesOnlyAfterReview() {
    Incident major = reportP1();
    Incident related = report(Level.MEDIUM, Level.MEDIUM, "network");
    Task declare = task(major, DECLARE_MAJOR_TASK);
    assertThat(candidateGroups(declare)).containsExactly("it-managers");
    Instant declaredAt = now();

    TasklistApi.login(DemoUsers.IAN)
        .request()
        .body(declareForm("Checkout is down for every customer", related.id()))
        .post(TasklistApi.ENGINE + "/task/" + declare.getId() + "/submit-form")
        .then()
        .statusCode(204);

    MajorIncident declared = majors.find(major.id()).orElseThrow();
    assertThat(declared.declaredBy()).isEqualTo(DemoUsers.IAN);
    assertThat(declared.declareGroup()).isEqualTo("it-managers");
    assertThat(declared.stakeholderChannel()).isEqualTo(CHANNEL);
    assertThat(declared.declaredAt()).isEqualTo(declaredAt);
    assertThat(stakeholderMessages(major))
        .singleElement()
        .asString()
        .contains("Major incident declared by ian")
        .contains("Checkout is down for every customer")
        .contains("Related incidents: 1");
    assertThat(ledger.ofInstance(major.processInstanceId()))
        .filteredOn(e -> e.decision().equals("MAJOR_INCIDENT"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.decidedBy()).isEqualTo("person:" + DemoUsers.IAN);
              assertThat(e.outcome()).isEqualTo(MAJOR_DECLARE);
              assertThat(e.inputs()).contains(related.id());
            });
    as(DemoUsers.INTEGRATION)
        .get("/api/incidents/" + related.id())
        .then()
        .statusCode(200)
        .body("partOfMajorIncident", equalTo(major.id()));
    as(DemoUsers.INTEGRATION)
        .get("/api/incidents/" + major.id())
        .then()
        .statusCode(200)
        .body("majorIncident.declaredBy", equalTo(DemoUsers.IAN))
        .body("majorIncident.stakeholderChannel", equalTo(CHANNEL))
        .body("majorIncident.reviewedAt", equalTo(null))
        .body("majorIncident.related.incidentId", containsInAnyOrder(related.id()));

    // the cadence: every 30 minutes while it is worked
    Instant first = fireTimer(major, "StakeholderUpdateDueEvent");
    assertThat(first).isEqualTo(declaredAt.plus(Duration.ofMinutes(30)));
    Instant second = fireTimer(major, "StakeholderUpdateDueEvent");
    assertThat(second).isEqualTo(first.plus(Duration.ofMinutes(30)));
    assertThat(stakeholderMessages(major)).hasSize(3);
    assertThat(stakeholderMessages(major).get(2)).contains("Update 3").contains("app-support");
    assertThat(majors.find(major.id()).orElseThrow().updatesSent()).isEqualTo(3);

    // resolved: the stakeholders hear it once, the cadence stops, the review waits
    resolveAs(DemoUsers.ADAM, major);
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.AWAITING_REVIEW);
    assertThat(instance(major)).isWaitingAt(MAJOR_REVIEW_TASK);
    assertThat(stakeholderMessages(major)).hasSize(4);
    assertThat(stakeholderMessages(major).get(3)).contains("service restored (FIXED)");
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(major.processInstanceId())
                .activityId("StakeholderUpdateDueEvent")
                .count())
        .isZero();
    assertThat(candidateGroups(task(major, MAJOR_REVIEW_TASK))).containsExactly("it-managers");

    // the reporter cannot confirm it closed while the review waits
    asIntegration()
        .post("/api/incidents/" + major.id() + "/confirm")
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON);
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.AWAITING_REVIEW);

    // the review, in the Tasklist, by the group's member
    Task review = task(major, MAJOR_REVIEW_TASK);
    TasklistApi.login(DemoUsers.IRIS)
        .request()
        .body(
            Map.of(
                "variables",
                Map.of(
                    REVIEW_SUMMARY, Map.of("value", "A release without its migration"),
                    REVIEW_ACTIONS, Map.of("value", "Migrations run before the switch"))))
        .post(TasklistApi.ENGINE + "/task/" + review.getId() + "/submit-form")
        .then()
        .statusCode(204);
    MajorIncident reviewed = majors.find(major.id()).orElseThrow();
    assertThat(reviewed.reviewedBy()).isEqualTo(DemoUsers.IRIS);
    assertThat(reviewed.reviewSummary()).isEqualTo("A release without its migration");
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(ledger.ofInstance(major.processInstanceId()))
        .extracting(LedgerEntry::decision)
        .contains("MAJOR_INCIDENT_REVIEW");

    runJob(major, "AskReporterToConfirmTask");
    incidentService.confirm(major.id());
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(instance(major)).as("no second, P1 post-incident review").isNull();
  }

  @Test
  void nothingClosesAMajorIncidentBeforeItsReviewNotEvenAnAdministratorMovingTheToken() {
    Incident major = majorAwaitingReview();
    Snapshot before = snapshot(major);

    // an administrator correlating the alert-resolved message over engine REST
    as(DemoUsers.ADMIN)
        .body(Map.of("messageName", MESSAGE_ALERT_RESOLVED, "businessKey", major.id()))
        .post("/engine-rest/message")
        .then()
        .statusCode(403)
        .body("message", containsString("cannot close before its review"));
    assertThat(snapshot(major)).isEqualTo(before);

    // an administrator starting the close step over engine REST
    as(DemoUsers.ADMIN)
        .body(
            Map.of(
                "instructions",
                List.of(
                    Map.of(
                        "type",
                        "startBeforeActivity",
                        "activityId",
                        "CloseConfirmedIncidentTask"))))
        .post("/engine-rest/process-instance/" + major.processInstanceId() + "/modification")
        .then()
        .statusCode(403);
    assertThat(snapshot(major)).isEqualTo(before);

    // someone outside the review group, over engine REST and through the Tasklist's API
    Task review = task(major, MAJOR_REVIEW_TASK);
    Map<String, Object> reviewForm =
        Map.of(
            "variables",
            Map.of(
                REVIEW_SUMMARY, Map.of("value", "Fine"),
                REVIEW_ACTIONS, Map.of("value", "None")));
    as(DemoUsers.ADAM)
        .body(reviewForm)
        .post("/engine-rest/task/" + review.getId() + "/submit-form")
        .then()
        .statusCode(403);
    assertThat(snapshot(major)).isEqualTo(before);
    TasklistApi.login(DemoUsers.NINA)
        .request()
        .body(reviewForm)
        .post(TasklistApi.ENGINE + "/task/" + review.getId() + "/submit-form")
        .then()
        .statusCode(403);
    assertThat(snapshot(major)).isEqualTo(before);

    // an administrator is not in the review group either
    as(DemoUsers.ADMIN)
        .body(reviewForm)
        .post("/engine-rest/task/" + review.getId() + "/submit-form")
        .then()
        .statusCode(403);
    assertThat(snapshot(major)).isEqualTo(before);

    // the group's member with an empty review, or with a variable the form does not ask for
    as(DemoUsers.IAN)
        .body(Map.of("variables", Map.of(REVIEW_SUMMARY, Map.of("value", " "))))
        .post("/engine-rest/task/" + review.getId() + "/submit-form")
        .then()
        .statusCode(400);
    assertThat(snapshot(major)).isEqualTo(before);
    as(DemoUsers.IAN)
        .body(
            Map.of(
                "variables",
                Map.of(
                    REVIEW_SUMMARY, Map.of("value", "Fine"),
                    REVIEW_ACTIONS, Map.of("value", "None"),
                    MAJOR_REVIEWED_BY, Map.of("value", DemoUsers.IRIS))))
        .post("/engine-rest/task/" + review.getId() + "/submit-form")
        .then()
        .statusCode(400);
    assertThat(snapshot(major)).isEqualTo(before);
    assertThat(majors.find(major.id()).orElseThrow().reviewed()).isFalse();
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.AWAITING_REVIEW);
  }

  @Test
  void onlyTheGroupDeclaresAndARefusedDeclarationChangesNothing() {
    Incident major = reportP1();
    Snapshot before = snapshot(major);
    String taskId = task(major, DECLARE_MAJOR_TASK).getId();

    // the domain API naming someone outside the group
    declareOverApi(major.id(), DemoUsers.SAM, "Looks big", List.of())
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("urn:handoff:problem:major-incident-declarer"));
    assertThat(snapshot(major)).isEqualTo(before);

    // the resolver over engine REST, another user through the Tasklist's API, an administrator
    as(DemoUsers.ADAM)
        .body(declareForm("Looks big", ""))
        .post("/engine-rest/task/" + taskId + "/submit-form")
        .then()
        .statusCode(403);
    assertThat(snapshot(major)).isEqualTo(before);
    TasklistApi.login(DemoUsers.SARA)
        .request()
        .body(declareForm("Looks big", ""))
        .post(TasklistApi.ENGINE + "/task/" + taskId + "/submit-form")
        .then()
        .statusCode(403);
    assertThat(snapshot(major)).isEqualTo(before);
    as(DemoUsers.ADMIN)
        .body(declareForm("Looks big", ""))
        .post("/engine-rest/task/" + taskId + "/submit-form")
        .then()
        .statusCode(403);
    assertThat(snapshot(major)).isEqualTo(before);

    // the group's member writing who declared, or declaring without a reason
    as(DemoUsers.IAN)
        .body(
            Map.of(
                "variables",
                Map.of(
                    MAJOR_DECISION, Map.of("value", MAJOR_DECLARE),
                    MAJOR_REASON, Map.of("value", "Big"),
                    MAJOR_DECLARED_BY, Map.of("value", DemoUsers.IRIS))))
        .post("/engine-rest/task/" + taskId + "/submit-form")
        .then()
        .statusCode(400);
    assertThat(snapshot(major)).isEqualTo(before);
    as(DemoUsers.IAN)
        .body(declareForm(" ", major.id() + ", no-such-incident"))
        .post("/engine-rest/task/" + taskId + "/submit-form")
        .then()
        .statusCode(400)
        .body("message", containsString(MAJOR_REASON))
        .body("message", containsString("cannot be linked to itself"))
        .body("message", containsString("no incident no-such-incident"));
    assertThat(snapshot(major)).isEqualTo(before);

    // the API: every bad field at once, then unlinkable incidents, one entry per id
    asIntegration()
        .body(Map.of())
        .post("/api/incidents/" + major.id() + "/major-incident")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder("declaredBy", "reason"));
    declareOverApi(major.id(), DemoUsers.IAN, "Big", List.of(major.id(), "no-such-incident"))
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder("relatedIncidents[0]", "relatedIncidents[1]"));
    assertThat(snapshot(major)).isEqualTo(before);

    // not a P1
    Incident p3 = report(Level.MEDIUM, Level.MEDIUM, "network");
    declareOverApi(p3.id(), DemoUsers.IAN, "Big", List.of())
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON);
    assertThat(majors.isMajor(p3.id())).isFalse();
    asIntegration()
        .body(Map.of("declaredBy", DemoUsers.IAN, "reason", "Big"))
        .post("/api/incidents/no-such-incident/major-incident")
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON);
  }

  @Test
  void twoDeclarationsAtTheSameMomentDeclareOnceAndTheRestAreRefused() throws Exception {
    Incident major = reportP1();

    List<Integer> statuses =
        Concurrently.run(
            List.of(
                () -> declareOverApi(major.id(), DemoUsers.IAN, "From ian", List.of()).statusCode(),
                () ->
                    declareOverApi(major.id(), DemoUsers.IRIS, "From iris", List.of())
                        .statusCode()));

    assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    assertThat(stakeholderMessages(major)).hasSize(1);
    assertThat(
            ledger.ofInstance(major.processInstanceId()).stream()
                .filter(e -> e.decision().equals("MAJOR_INCIDENT"))
                .count())
        .isEqualTo(1);
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(major.processInstanceId())
                .activityId("StakeholderUpdateDueEvent")
                .count())
        .isEqualTo(1);

    // and again later: it is one already
    declareOverApi(major.id(), DemoUsers.IAN, "Again", List.of())
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:handoff:problem:major-incident-declared"));
  }

  @Test
  void relatedIncidentsAreLinkedByTheGroupOnceAndAMajorIncidentNeitherPausesNorClosesByItsAlert() {
    Incident major = reportP1();
    Incident other = reportP1();
    Incident related = report(Level.LOW, Level.MEDIUM, "network");
    declareOverApi(major.id(), DemoUsers.IAN, "Storage array lost", List.of())
        .then()
        .statusCode(200)
        .body("majorIncident.declaredBy", equalTo(DemoUsers.IAN))
        .body("status", equalTo("IN_PROGRESS"));

    // only the group links, to a major incident, what is linkable
    linkOverApi(major.id(), DemoUsers.SAM, List.of(related.id()))
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON);
    assertThat(majors.majorOf(related.id())).isEmpty();
    linkOverApi(other.id(), DemoUsers.IAN, List.of(related.id()))
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON);
    assertThat(majors.majorOf(related.id())).isEmpty();
    linkOverApi(major.id(), DemoUsers.IAN, List.of())
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("incidentIds"));
    linkOverApi(major.id(), DemoUsers.IAN, List.of(related.id()))
        .then()
        .statusCode(200)
        .body("majorIncident.related.incidentId", containsInAnyOrder(related.id()));
    linkOverApi(major.id(), DemoUsers.IRIS, List.of(related.id()))
        .then()
        .statusCode(200)
        .body("majorIncident.related", org.hamcrest.Matchers.hasSize(1));

    // a second major incident cannot take an incident that belongs to the first
    incidentService.declareMajor(other.id(), DemoUsers.IRIS, "Another outage", List.of());
    asIntegration()
        .body(Map.of("linkedBy", DemoUsers.IRIS, "incidentIds", List.of(related.id(), major.id())))
        .post("/api/incidents/" + other.id() + "/major-incident/related")
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder("incidentIds[0]", "incidentIds[1]"));
    assertThat(majors.majorOf(related.id())).contains(major.id());

    // its clock does not stop for a question to the reporter, on either surface
    asIntegration()
        .body(Map.of("question", "Which array?", "askedBy", DemoUsers.ADAM))
        .post("/api/incidents/" + major.id() + "/questions")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:handoff:problem:major-incident-no-pause"));
    as(DemoUsers.ADAM)
        .body(
            Map.of(
                "variables",
                Map.of(
                    RESOLVE_OUTCOME, Map.of("value", OUTCOME_ASK_REPORTER),
                    REPORTER_QUESTION, Map.of("value", "Which array?"))))
        .post("/engine-rest/task/" + task(major, RESOLVE_TASK).getId() + "/submit-form")
        .then()
        .statusCode(400);
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.IN_PROGRESS);
    assertThat(incidents.pauses(major.id())).isEmpty();
  }

  @Test
  void aResolvedAlertKeepsItsMajorIncidentOpen() {
    String fingerprint = unique("fp");
    NewIncident alert =
        new NewIncident(
            "Checkout 5xx",
            null,
            "alertmanager",
            "checkout",
            Level.HIGH,
            Level.HIGH,
            "application",
            KnownRequest.NONE,
            IncidentSource.ALERTMANAGER,
            fingerprint);
    Incident major =
        incidents
            .find(
                incidentService
                    .receiveAlerts(List.of(new AlertIntake(fingerprint, true, alert)))
                    .get(0)
                    .incidentId())
            .orElseThrow();
    runJob(major, "NotifyOnCallTask");
    incidentService.declareMajor(major.id(), DemoUsers.IAN, "Checkout down", List.of());

    List<AlertOutcome> outcomes =
        incidentService.receiveAlerts(List.of(new AlertIntake(fingerprint, false, alert)));

    assertThat(outcomes.get(0).result()).isEqualTo(AlertOutcome.Result.KEPT_OPEN);
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.IN_PROGRESS);
    assertThat(instance(major)).isWaitingAt(RESOLVE_TASK);
  }
}
