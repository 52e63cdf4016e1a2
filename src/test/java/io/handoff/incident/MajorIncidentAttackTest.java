package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.handoff.support.Concurrently;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.TasklistApi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The major incident controls attacked the way an employee, a resolver, an integrator, another IT
 * manager or an administrator would: other engine REST routes to the tasks, forged record steps,
 * stale variables after a reopen, races between declarations, links and resolutions, odd ids and
 * bodies, long texts. Each asserts what stayed unchanged, on H2 and PostgreSQL.
 */
@HandoffSpringTest
class MajorIncidentAttackTest extends MajorIncidentTestSupport {

  /**
   * An administrator starts "Record major incident review" on engine REST with the variables a
   * review would leave ({@code majorReviewedBy}, {@code reviewSummary}, {@code reviewActions}): the
   * step finds no review made in the task and refuses; the incident still waits for its review.
   */
  @Test
  void anAdministratorStartingTheReviewRecordStepInAReviewersNameRecordsNothing() {
    Incident major = majorAwaitingReview();

    int status =
        startBefore(
            "RecordMajorReviewTask",
            major,
            Map.of(
                MAJOR_REVIEWED_BY, value(DemoUsers.IRIS),
                REVIEW_SUMMARY, value("forged"),
                REVIEW_ACTIONS, value("none")));

    assertThat(status).isEqualTo(403);
    MajorIncident after = majors.find(major.id()).orElseThrow();
    assertThat(after.reviewed())
        .as("review recorded by %s (%s)", after.reviewedBy(), after.reviewSummary())
        .isFalse();
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.AWAITING_REVIEW);
    assertThat(instance(major)).isWaitingAt(MAJOR_REVIEW_TASK);
  }

  /**
   * After a review, a reopen and a second resolution, starting "Record major incident review"
   * without a second review records nothing: the first review was taken once and its variables are
   * gone.
   */
  @Test
  void aReopenedMajorIncidentCannotPassItsFirstReviewOffAsTheSecond() {
    Incident major = majorAwaitingReview();
    reviewInTasklist(major, DemoUsers.IRIS, "First review");
    runJob(major, "AskReporterToConfirmTask");
    incidentService.reopen(major.id(), "Still failing");
    assertThat(majors.find(major.id()).orElseThrow().reviewed()).isFalse();
    resolveAs(DemoUsers.ADAM, major);
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.AWAITING_REVIEW);

    int status = startBefore("RecordMajorReviewTask", major, Map.of());

    assertThat(status).isEqualTo(403);
    MajorIncident after = majors.find(major.id()).orElseThrow();
    assertThat(after.reviewed())
        .as("second review recorded as %s (%s)", after.reviewedBy(), after.reviewSummary())
        .isFalse();
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.AWAITING_REVIEW);
    assertThat(runtimeService.getVariable(major.processInstanceId(), REVIEW_SUMMARY)).isNull();
  }

  /**
   * An administrator starts "Record major incident decision" of a P3 with {@code
   * majorDecision=DECLARE}, {@code majorDeclaredBy=ian}, {@code majorDeclareGroup=it-managers}: the
   * step finds no decision made in the task and refuses; no declaration, message or timer.
   */
  @Test
  void anAdministratorStartingTheDecisionRecordStepOfAP3InAnotherPersonsNameDeclaresNothing() {
    Incident p3 = report(Level.MEDIUM, Level.MEDIUM, "network");
    assertThat(p3.priority()).isNotEqualTo("P1");

    int status =
        startBefore(
            "RecordMajorDecisionTask",
            p3,
            Map.of(
                MAJOR_DECISION, value(MAJOR_DECLARE),
                MAJOR_DECLARED_BY, value(DemoUsers.IAN),
                MAJOR_DECLARE_GROUP, value("it-managers"),
                MAJOR_REASON, value("forged")));

    assertThat(status).isEqualTo(403);
    assertThat(majors.isMajor(p3.id())).isFalse();
    assertThat(incidents.notifications(p3.id()))
        .noneMatch(n -> n.startsWith("CHAT:" + CHANNEL + ":"));
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(p3.processInstanceId())
                .activityId("StakeholderUpdateDueEvent")
                .count())
        .isZero();
  }

  /**
   * An incident linked to a major incident (a P1 with its own declaration task open) cannot be
   * declared a major incident itself: 409 on the API.
   */
  @Test
  void anIncidentLinkedToAMajorIncidentCannotBeDeclaredOneItself() {
    Incident major = reportP1();
    Incident linked = reportP1();
    incidentService.declareMajor(major.id(), DemoUsers.IAN, "Storage lost", List.of(linked.id()));
    assertThat(majors.majorOf(linked.id())).contains(major.id());

    int status = declareOverApi(linked.id(), DemoUsers.IRIS, "Also big", List.of()).statusCode();

    assertThat(status).isEqualTo(409);
    assertThat(majors.isMajor(linked.id())).isFalse();
    assertThat(majors.majorOf(linked.id())).contains(major.id());
  }

  /**
   * An it-manager answers "not a major incident" early; while the P1 is still worked the decision
   * is offered again, and a declaration later is accepted.
   */
  @Test
  void aP1DecidedNotMajorCanStillBeDeclaredWhileItIsWorked() {
    Incident p1 = reportP1();
    TasklistApi.login(DemoUsers.IAN)
        .request()
        .body(
            Map.of(
                "variables",
                Map.of(
                    MAJOR_DECISION, value(MAJOR_NOT_MAJOR),
                    MAJOR_REASON, value("One customer only"),
                    MAJOR_RELATED, value(""))))
        .post(TasklistApi.ENGINE + "/task/" + task(p1, DECLARE_MAJOR_TASK).getId() + "/submit-form")
        .then()
        .statusCode(204);
    assertThat(reload(p1).status()).isEqualTo(IncidentStatus.IN_PROGRESS);

    int status =
        declareOverApi(p1.id(), DemoUsers.IRIS, "Now every customer", List.of()).statusCode();

    assertThat(status).isEqualTo(200);
    assertThat(majors.find(p1.id()).orElseThrow().declaredBy()).isEqualTo(DemoUsers.IRIS);
    assertThat(ledger.ofInstance(p1.processInstanceId()))
        .filteredOn(e -> e.decision().equals("MAJOR_INCIDENT"))
        .extracting(e -> e.outcome())
        .containsExactly(MAJOR_NOT_MAJOR, MAJOR_DECLARE);
  }

  /**
   * The review task on the other engine REST endpoints: /complete (not submit-form) by someone
   * outside the group, by an administrator, by a member naming the reviewer; /resolve; claim and
   * delegate to a resolver, who then completes or resolves.
   */
  @Test
  void theReviewTaskOnCompleteResolveClaimAndDelegate() {
    Incident major = majorAwaitingReview();
    String taskId = task(major, MAJOR_REVIEW_TASK).getId();
    Map<String, Object> form = reviewForm("Fine", "None");

    as(DemoUsers.NINA)
        .body(form)
        .post("/engine-rest/task/" + taskId + "/complete")
        .then()
        .statusCode(403);
    as(DemoUsers.ADMIN)
        .body(form)
        .post("/engine-rest/task/" + taskId + "/complete")
        .then()
        .statusCode(403);
    as(DemoUsers.IAN)
        .body(
            Map.of(
                "variables",
                Map.of(
                    REVIEW_SUMMARY, value("Fine"),
                    REVIEW_ACTIONS, value("None"),
                    MAJOR_REVIEWED_BY, value(DemoUsers.IRIS))))
        .post("/engine-rest/task/" + taskId + "/complete")
        .then()
        .statusCode(400);
    TasklistApi.login(DemoUsers.ADAM)
        .request()
        .body(Map.of("variables", Map.of()))
        .post(TasklistApi.ENGINE + "/task/" + taskId + "/complete")
        .then()
        .statusCode(org.hamcrest.Matchers.anyOf(equalTo(403), equalTo(400)));
    // resolve a task that is not delegated: nothing is completed
    int resolved =
        as(DemoUsers.ADAM).body(form).post("/engine-rest/task/" + taskId + "/resolve").statusCode();
    assertThat(resolved).isNotEqualTo(500);
    assertThat(task(major, MAJOR_REVIEW_TASK)).isNotNull();

    // the member claims and delegates to the resolver, who completes or resolves
    as(DemoUsers.IAN)
        .body(Map.of("userId", DemoUsers.IAN))
        .post("/engine-rest/task/" + taskId + "/claim")
        .then()
        .statusCode(204);
    int delegated =
        as(DemoUsers.IAN)
            .body(Map.of("userId", DemoUsers.ADAM))
            .post("/engine-rest/task/" + taskId + "/delegate")
            .statusCode();
    int completedByDelegate =
        as(DemoUsers.ADAM)
            .body(form)
            .post("/engine-rest/task/" + taskId + "/complete")
            .statusCode();
    int resolvedByDelegate =
        as(DemoUsers.ADAM).body(form).post("/engine-rest/task/" + taskId + "/resolve").statusCode();
    int submittedByDelegate =
        as(DemoUsers.ADAM)
            .body(form)
            .post("/engine-rest/task/" + taskId + "/submit-form")
            .statusCode();
    assertThat(List.of(delegated, completedByDelegate, resolvedByDelegate, submittedByDelegate))
        .as("delegate, complete, resolve, submit-form by the delegate")
        .doesNotContain(500);
    assertThat(majors.find(major.id()).orElseThrow().reviewed())
        .as(
            "review recorded after delegate=%s complete=%s resolve=%s submit=%s",
            delegated, completedByDelegate, resolvedByDelegate, submittedByDelegate)
        .isFalse();
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.AWAITING_REVIEW);
  }

  /**
   * Reopened after its review, re-resolved: a new review is needed; neither the reporter, an
   * administrator's alert-resolved message nor Alertmanager closes it; the cadence restarts once on
   * the new round of work; a second review closes it without a P1 post-incident review.
   */
  @Test
  void aReopenedMajorIncidentNeedsANewReviewBeforeItCloses() {
    Incident major = majorAwaitingReview();
    reviewInTasklist(major, DemoUsers.IRIS, "First review");
    runJob(major, "AskReporterToConfirmTask");
    asIntegration()
        .body(Map.of("reason", "Still failing"))
        .post("/api/incidents/" + major.id() + "/reopen")
        .then()
        .statusCode(200)
        .body("majorIncident.reviewedAt", equalTo(null));
    assertThat(instance(major)).isWaitingAt(RESOLVE_TASK);
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(major.processInstanceId())
                .activityId("StakeholderUpdateDueEvent")
                .count())
        .as("the cadence starts again, once")
        .isEqualTo(1);
    assertThat(task(major, DECLARE_MAJOR_TASK)).as("no second declaration").isNull();

    resolveAs(DemoUsers.ADAM, major);
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.AWAITING_REVIEW);
    asIntegration()
        .get("/api/incidents/" + major.id())
        .then()
        .statusCode(200)
        .body("status", equalTo("AWAITING_REVIEW"));
    asIntegration()
        .post("/api/incidents/" + major.id() + "/confirm")
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON);
    as(DemoUsers.ADMIN)
        .body(Map.of("messageName", MESSAGE_ALERT_RESOLVED, "businessKey", major.id()))
        .post("/engine-rest/message")
        .then()
        .statusCode(403);
    assertThat(startBefore("CloseConfirmedIncidentTask", major, Map.of())).isEqualTo(403);
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.AWAITING_REVIEW);

    reviewInTasklist(major, DemoUsers.IAN, "Second review");
    assertThat(majors.find(major.id()).orElseThrow().reviewedBy()).isEqualTo(DemoUsers.IAN);
    runJob(major, "AskReporterToConfirmTask");
    incidentService.confirm(major.id());
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(instance(major)).as("no P1 post-incident review").isNull();
    assertThat(
            ledger.ofInstance(major.processInstanceId()).stream()
                .filter(e -> e.decision().equals("MAJOR_INCIDENT_REVIEW"))
                .count())
        .isEqualTo(2);
  }

  /** One incident linked to two major incidents at the same moment: once, and no 500. */
  @Test
  void linkingOneIncidentToTwoMajorIncidentsAtTheSameMoment() throws Exception {
    Incident first = reportP1();
    Incident second = reportP1();
    Incident related = report(Level.LOW, Level.MEDIUM, "network");
    incidentService.declareMajor(first.id(), DemoUsers.IAN, "First", List.of());
    incidentService.declareMajor(second.id(), DemoUsers.IRIS, "Second", List.of());

    List<Integer> statuses =
        Concurrently.run(
            List.of(
                () -> linkOverApi(first.id(), DemoUsers.IAN, List.of(related.id())).statusCode(),
                () ->
                    linkOverApi(second.id(), DemoUsers.IRIS, List.of(related.id())).statusCode()));

    assertThat(statuses).contains(200).doesNotContain(500);
    assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
    assertThat(majors.majorOf(related.id())).isPresent();
  }

  /**
   * A declaration linking an incident (API) at the same moment as a link of the same incident to
   * another major incident: the incident rows are locked in one order, the second sees the first's
   * link and is refused; never a 500, on H2 and PostgreSQL.
   */
  @Test
  void aDeclarationAndALinkOfTheSameIncidentAtTheSameMomentTakeTurns() throws Exception {
    Incident first = reportP1();
    Incident second = reportP1();
    Incident related = report(Level.LOW, Level.MEDIUM, "network");
    incidentService.declareMajor(second.id(), DemoUsers.IRIS, "Second", List.of());

    List<Integer> statuses =
        Concurrently.run(
            List.of(
                () ->
                    declareOverApi(first.id(), DemoUsers.IAN, "First", List.of(related.id()))
                        .statusCode(),
                () ->
                    linkOverApi(second.id(), DemoUsers.IRIS, List.of(related.id())).statusCode()));

    assertThat(statuses).as("statuses").doesNotContain(500).contains(200);
    assertThat(majors.majorOf(related.id())).isPresent();
    if (majors.isMajor(first.id())) {
      assertThat(majors.majorOf(related.id())).contains(first.id());
    }
  }

  /**
   * The resolver resolves at the moment a member declares: either the declaration wins and the
   * incident waits for its review, or the resolution wins and it is no major incident; never a
   * major incident that skips its review.
   */
  @Test
  void aResolutionAndADeclarationAtTheSameMoment() throws Exception {
    Incident p1 = reportP1();
    String resolveTask = task(p1, RESOLVE_TASK).getId();

    List<Integer> statuses =
        Concurrently.run(
            List.of(
                () -> declareOverApi(p1.id(), DemoUsers.IAN, "Big", List.of()).statusCode(),
                () ->
                    as(DemoUsers.ADAM)
                        .body(
                            Map.of(
                                "variables",
                                Map.of(
                                    RESOLUTION_CODE, value("FIXED"),
                                    RESOLUTION_NOTES, value("Restarted"))))
                        .post("/engine-rest/task/" + resolveTask + "/submit-form")
                        .statusCode()));

    assertThat(statuses).as("statuses").doesNotContain(500);
    if (majors.isMajor(p1.id())) {
      Incident now = reload(p1);
      assertThat(now.status())
          .as("declared (%s): it waits for its review or is still worked", statuses)
          .isIn(IncidentStatus.AWAITING_REVIEW, IncidentStatus.IN_PROGRESS);
    } else {
      assertThat(task(p1, MAJOR_REVIEW_TASK)).isNull();
    }
  }

  /** Odd input on both endpoints and in the Tasklist form: 4xx problem+json, never 500. */
  @Test
  void oddIdsAndBodiesAreRefusedWithoutA500() {
    Incident major = reportP1();
    Incident closed = report(Level.LOW, Level.LOW, "network");
    resolveAndAskReporter(closed, "FIXED");
    incidentService.confirm(closed.id());
    assertThat(reload(closed).status()).isEqualTo(IncidentStatus.CLOSED);

    String longId = "x".repeat(5000);
    declareOverApi(longId, DemoUsers.IAN, "Big", List.of())
        .then()
        .statusCode(org.hamcrest.Matchers.anyOf(equalTo(404), equalTo(400)))
        .contentType(PROBLEM_JSON);
    linkOverApi(longId, DemoUsers.IAN, List.of("a"))
        .then()
        .statusCode(org.hamcrest.Matchers.anyOf(equalTo(404), equalTo(400)))
        .contentType(PROBLEM_JSON);
    asIntegration()
        .body(Map.of("declaredBy", DemoUsers.IAN, "reason", "Big"))
        .post("/api/incidents/\u2713 'or'1'='1/major-incident")
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON);

    List<Object> withNull = new ArrayList<>();
    withNull.add(null);
    Map<String, Object> nullElement = new LinkedHashMap<>();
    nullElement.put("declaredBy", DemoUsers.IAN);
    nullElement.put("reason", "Big");
    nullElement.put("relatedIncidents", withNull);
    asIntegration()
        .body(nullElement)
        .post("/api/incidents/" + major.id() + "/major-incident")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    asIntegration()
        .body(Map.of("declaredBy", DemoUsers.IAN, "reason", "Big", "relatedIncidents", "abc"))
        .post("/api/incidents/" + major.id() + "/major-incident")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    asIntegration()
        .body(
            Map.of(
                "declaredBy",
                DemoUsers.IAN,
                "reason",
                "Big",
                "relatedIncidents",
                List.of("y".repeat(37), closed.id(), " " + closed.id())))
        .post("/api/incidents/" + major.id() + "/major-incident")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", hasItem("relatedIncidents[0]"));
    asIntegration()
        .body(
            Map.of(
                "declaredBy",
                DemoUsers.IAN,
                "reason",
                "Big",
                "relatedIncidents",
                List.of(closed.id(), closed.id().toUpperCase(java.util.Locale.ROOT))))
        .post("/api/incidents/" + major.id() + "/major-incident")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", hasItem("relatedIncidents[0]"))
        .body("errors.field", hasItem("relatedIncidents[1]"));
    asIntegration()
        .body(
            Map.of(
                "declaredBy",
                DemoUsers.IAN,
                "reason",
                "Big",
                "relatedIncidents",
                Collections.nCopies(101, closed.id())))
        .post("/api/incidents/" + major.id() + "/major-incident")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    declareOverApi(major.id(), "no-such-user-" + "z".repeat(80), "Big", List.of())
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON);
    asIntegration()
        .body(Map.of("declaredBy", 42, "reason", List.of("Big")))
        .post("/api/incidents/" + major.id() + "/major-incident")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    assertThat(majors.isMajor(major.id())).isFalse();

    // the Tasklist form: 150 ids, and an id with SQL in it
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      many.append("i").append(i).append(',');
    }
    as(DemoUsers.IAN)
        .body(
            Map.of(
                "variables",
                Map.of(
                    MAJOR_DECISION, value(MAJOR_DECLARE),
                    MAJOR_REASON, value("Big"),
                    MAJOR_RELATED, value(many.toString()))))
        .post("/engine-rest/task/" + task(major, DECLARE_MAJOR_TASK).getId() + "/submit-form")
        .then()
        .statusCode(400);
    as(DemoUsers.IAN)
        .body(
            Map.of(
                "variables",
                Map.of(
                    MAJOR_DECISION, value(MAJOR_DECLARE),
                    MAJOR_REASON, value("Big"),
                    MAJOR_RELATED, value("';DROP TABLE incident;-- " + closed.id()))))
        .post("/engine-rest/task/" + task(major, DECLARE_MAJOR_TASK).getId() + "/submit-form")
        .then()
        .statusCode(400);
    as(DemoUsers.IAN)
        .body(
            Map.of("variables", Map.of(MAJOR_DECISION, value("MAYBE"), MAJOR_REASON, value("Big"))))
        .post("/engine-rest/task/" + task(major, DECLARE_MAJOR_TASK).getId() + "/submit-form")
        .then()
        .statusCode(400);
    assertThat(majors.isMajor(major.id())).isFalse();

    // declare, then: link a closed incident, link to a non-major, the whole view fits the document
    incidentService.declareMajor(major.id(), DemoUsers.IAN, "Big", List.of());
    linkOverApi(major.id(), DemoUsers.IAN, List.of(closed.id()))
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", hasItem("incidentIds[0]"));
    linkOverApi(closed.id(), DemoUsers.IAN, List.of(major.id()))
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON);
    incidentOverRest(major);
    asIntegration()
        .get("/api/incidents?status=AWAITING_REVIEW,IN_PROGRESS&priority=P1")
        .then()
        .statusCode(200);
  }

  /**
   * An escalation before and after the declaration moves only the resolve task; the declaration
   * task stays with it-managers, the cadence goes on and names the new group.
   */
  @Test
  void anEscalationMovesOnlyTheResolveTaskAndTheCadenceGoesOn() {
    Incident major = reportP1();
    String group = reload(major).assignedGroup();
    fireTimer(major, "SlaReminderDueEvent");
    fireTimer(major, "SlaTargetReachedEvent");
    runJob(major, "AnnounceEscalationTask");
    Incident escalated = reload(major);
    assertThat(escalated.assignedGroup()).isNotEqualTo(group);
    assertThat(candidateGroups(task(major, DECLARE_MAJOR_TASK))).containsExactly("it-managers");
    assertThat(candidateGroups(task(major, RESOLVE_TASK)))
        .containsExactly(escalated.assignedGroup());

    incidentService.declareMajor(major.id(), DemoUsers.IAN, "Escalated outage", List.of());
    fireTimer(major, "StakeholderUpdateDueEvent");
    List<String> messages =
        incidents.notifications(major.id()).stream()
            .filter(n -> n.startsWith("CHAT:" + CHANNEL + ":"))
            .toList();
    assertThat(messages).hasSize(2);
    assertThat(messages.get(1)).contains(escalated.assignedGroup());
  }

  /** A P1 answered "not a major incident" gets the post-incident review after it closes. */
  @Test
  void aP1ThatIsNotMajorGetsThePostIncidentReview() {
    Incident p1 = reportP1();
    TasklistApi.login(DemoUsers.IRIS)
        .request()
        .body(
            Map.of(
                "variables",
                Map.of(MAJOR_DECISION, value(MAJOR_NOT_MAJOR), MAJOR_REASON, value("Small"))))
        .post(TasklistApi.ENGINE + "/task/" + task(p1, DECLARE_MAJOR_TASK).getId() + "/submit-form")
        .then()
        .statusCode(204);
    assertThat(majors.isMajor(p1.id())).isFalse();
    resolveAs(DemoUsers.ADAM, p1);
    assertThat(task(p1, MAJOR_REVIEW_TASK)).isNull();
    runJob(p1, "AskReporterToConfirmTask");
    incidentService.confirm(p1.id());
    assertThat(reload(p1).status()).isEqualTo(IncidentStatus.CLOSED);
    Task review = task(p1, REVIEW_TASK);
    assertThat(review).isNotNull();
  }

  /**
   * An id with an encoded percent sign or a semicolon in the path is refused by the firewall before
   * the API, and answered 400 in problem+json like any other refusal (the contract filter checks
   * the body).
   */
  @Test
  void aPercentSignOrSemicolonInTheIdIsRefusedAsProblemJson() {
    int declare =
        asIntegration()
            .body(Map.of("declaredBy", DemoUsers.IAN, "reason", "Big"))
            .post("/api/incidents/50%25off/major-incident")
            .then()
            .extract()
            .statusCode();
    assertThat(declare).isIn(400, 404);
    int semicolon =
        asIntegration()
            .body(Map.of("declaredBy", DemoUsers.IAN, "reason", "Big"))
            .post("/api/incidents/a;b/major-incident")
            .then()
            .extract()
            .statusCode();
    assertThat(semicolon).isIn(400, 404);
  }

  /**
   * Once a major incident is closed, the incidents linked to it may join a later major incident;
   * the earlier link stays as history.
   */
  @Test
  void anIncidentOfAClosedMajorIncidentMayJoinAnotherOne() {
    Incident first = reportP1();
    Incident related = report(Level.LOW, Level.MEDIUM, "network");
    incidentService.declareMajor(first.id(), DemoUsers.IAN, "First", List.of(related.id()));
    resolveAs(DemoUsers.ADAM, first);
    reviewInTasklist(first, DemoUsers.IRIS, "Done");
    runJob(first, "AskReporterToConfirmTask");
    incidentService.confirm(first.id());
    assertThat(reload(first).status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(reload(related).status()).isNotEqualTo(IncidentStatus.CLOSED);

    Incident second = reportP1();
    incidentService.declareMajor(second.id(), DemoUsers.IAN, "Second", List.of());
    int status = linkOverApi(second.id(), DemoUsers.IAN, List.of(related.id())).statusCode();
    assertThat(status).isEqualTo(200);
    assertThat(majors.majorOf(related.id())).contains(second.id());
  }

  /** 20,000-character multi-byte reason and review, on the API and the Tasklist; 20,001 is 400. */
  @Test
  void longMultiByteTextsOfTheDeclarationAndTheReview() {
    Incident major = reportP1();
    asIntegration()
        .body(
            Map.of(
                "declaredBy",
                DemoUsers.IAN,
                "reason",
                io.handoff.support.LongTexts.of(20_001, "too long")))
        .post("/api/incidents/" + major.id() + "/major-incident")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    String reason = io.handoff.support.LongTexts.of(20_000, "reason");
    asIntegration()
        .body(Map.of("declaredBy", DemoUsers.IAN, "reason", reason))
        .post("/api/incidents/" + major.id() + "/major-incident")
        .then()
        .statusCode(200)
        .body("majorIncident.reason", equalTo(reason));
    resolveAs(DemoUsers.ADAM, major);
    String summary = io.handoff.support.LongTexts.of(20_000, "summary");
    TasklistApi.login(DemoUsers.IRIS)
        .request()
        .body(reviewForm(summary, summary))
        .post(
            TasklistApi.ENGINE + "/task/" + task(major, MAJOR_REVIEW_TASK).getId() + "/submit-form")
        .then()
        .statusCode(204);
    assertThat(majors.find(major.id()).orElseThrow().reviewSummary()).isEqualTo(summary);
    asIntegration()
        .get("/api/incidents/" + major.id())
        .then()
        .statusCode(200)
        .body("majorIncident.reviewSummary", equalTo(summary));
  }

  /** The declaration task on /complete and /resolve with variables the form does not have. */
  @Test
  void theDeclarationTaskOnCompleteAndResolveWithExtraVariables() {
    Incident major = reportP1();
    String taskId = task(major, DECLARE_MAJOR_TASK).getId();
    for (String extra : List.of(MAJOR_DECLARE_GROUP, MAJOR_DECLARED_BY, "priority", "incidentId")) {
      as(DemoUsers.IAN)
          .body(
              Map.of(
                  "variables",
                  Map.of(
                      MAJOR_DECISION, value(MAJOR_DECLARE),
                      MAJOR_REASON, value("Big"),
                      extra, value("x"))))
          .post("/engine-rest/task/" + taskId + "/complete")
          .then()
          .statusCode(400);
    }
    as(DemoUsers.IAN)
        .body(
            Map.of(
                "variables",
                Map.of(MAJOR_DECISION, value(MAJOR_DECLARE), MAJOR_DECLARE_GROUP, value("x"))))
        .post("/engine-rest/task/" + taskId + "/resolve")
        .then()
        .statusCode(400);
    as(DemoUsers.ADAM)
        .body(Map.of("modifications", Map.of(MAJOR_DECISION, value(MAJOR_DECLARE))))
        .post("/engine-rest/process-instance/" + major.processInstanceId() + "/variables")
        .then()
        .statusCode(403);
    assertThat(majors.isMajor(major.id())).isFalse();
    assertThat(task(major, DECLARE_MAJOR_TASK)).isNotNull();
  }

  /**
   * An administrator may change a task's candidates, but adding their own group to "Declare major
   * incident?" or "Major incident review" does not make them a decider: the group the BPMN names
   * decides. Nothing is declared or reviewed.
   */
  @Test
  void anAdministratorAddingTheirGroupToTheDeclarationOrTheReviewDecidesNothing() {
    Incident p1 = reportP1();
    String declareTask = task(p1, DECLARE_MAJOR_TASK).getId();
    administratorWithTheirGroupSubmits(declareTask, declareForm("Looks big", ""))
        .body("type", equalTo("urn:handoff:problem:major-incident-declarer"));
    assertThat(majors.find(p1.id())).isEmpty();
    assertThat(task(p1, DECLARE_MAJOR_TASK).getId()).isEqualTo(declareTask);
    assertThat(runtimeService.getVariable(p1.processInstanceId(), MAJOR_DECISION)).isNull();

    Incident major = majorAwaitingReview();
    String reviewTask = task(major, MAJOR_REVIEW_TASK).getId();
    administratorWithTheirGroupSubmits(
        reviewTask, reviewForm("Reviewed by the administrator", "none"));
    assertThat(majors.find(major.id()).orElseThrow().reviewed()).isFalse();
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.AWAITING_REVIEW);
    assertThat(task(major, MAJOR_REVIEW_TASK).getId()).isEqualTo(reviewTask);
  }

  /**
   * The administrator adds {@code camunda-admin} to the task's candidates on engine REST, then
   * submits the form through the Tasklist's own API (session and CSRF token) and on engine REST:
   * 403 both times; the engine REST answer is returned for its problem type.
   */
  private io.restassured.response.ValidatableResponse administratorWithTheirGroupSubmits(
      String taskId, Map<String, Object> form) {
    as(DemoUsers.ADMIN)
        .body(Map.of("groupId", "camunda-admin", "type", "candidate"))
        .post("/engine-rest/task/" + taskId + "/identity-links")
        .then()
        .statusCode(204);
    assertThat(candidateGroups(taskService.createTaskQuery().taskId(taskId).singleResult()))
        .contains("camunda-admin");
    TasklistApi.login(DemoUsers.ADMIN)
        .request()
        .body(form)
        .post(TasklistApi.ENGINE + "/task/" + taskId + "/submit-form")
        .then()
        .statusCode(403);
    return as(DemoUsers.ADMIN)
        .body(form)
        .post("/engine-rest/task/" + taskId + "/submit-form")
        .then()
        .statusCode(403);
  }
}
