package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.incident.store.IncidentRepository.Pause;
import io.handoff.support.Concurrently;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.TasklistApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * When the resolution clock does not stop, and what a question, an answer or a resolution must
 * bring of its own: a P1 whose major incident decision is open and an alert's incident keep their
 * clocks on every surface; the texts of an earlier question, answer or refused resolution do not
 * stand in for new ones. Every refusal leaves the incident as it was.
 */
@HandoffSpringTest
class SlaPauseRefusalTest extends MajorIncidentTestSupport {

  static final String PROBLEM_JSON = "application/problem+json";

  /** What a refused attempt must leave as it was. */
  private record Snapshot(
      IncidentStatus status,
      Instant slaDue,
      List<Pause> pauses,
      List<String> openTasks,
      Map<String, Object> variables) {}

  private Snapshot snapshot(Incident incident) {
    Incident now = reload(incident);
    return new Snapshot(
        now.status(),
        now.slaDue(),
        incidents.pauses(incident.id()),
        taskService
            .createTaskQuery()
            .processInstanceId(incident.processInstanceId())
            .list()
            .stream()
            .map(t -> t.getTaskDefinitionKey() + ":" + t.getId() + ":" + t.getAssignee())
            .sorted()
            .toList(),
        new TreeMap<>(runtimeService.getVariables(incident.processInstanceId())));
  }

  private static Map<String, Object> form(Object... namesAndValues) {
    Map<String, Object> variables = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      variables.put((String) namesAndValues[i], value(namesAndValues[i + 1]));
    }
    return Map.of("variables", variables);
  }

  private io.restassured.response.ValidatableResponse askOverApi(
      Incident incident, String question, String askedBy) {
    return asIntegration()
        .body(Map.of("question", question, "askedBy", askedBy))
        .post("/api/incidents/" + incident.id() + "/questions")
        .then();
  }

  private void answerOverApi(Incident incident, String answer) {
    asIntegration()
        .body(Map.of("answer", answer, "answeredBy", "erin"))
        .post("/api/incidents/" + incident.id() + "/answers")
        .then()
        .statusCode(200)
        .body("status", equalTo("IN_PROGRESS"));
  }

  /**
   * The resolver asks on the domain API (409 with the problem type), on engine REST and through the
   * Tasklist's own API with a session and its CSRF token (400 naming {@code resolveOutcome}), and
   * on engine REST with the incident's priority rewritten to P3 (400): after each, nothing changed.
   */
  private void questionRefusedOnEverySurface(
      Incident incident, String resolver, String problemType) {
    Snapshot before = snapshot(incident);
    String question = "Which region do you see it in?";
    String resolveTask = task(incident, RESOLVE_TASK).getId();
    askOverApi(incident, question, resolver)
        .statusCode(409)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("urn:handoff:problem:" + problemType));
    assertThat(snapshot(incident)).isEqualTo(before);
    as(resolver)
        .body(form(RESOLVE_OUTCOME, OUTCOME_ASK_REPORTER, REPORTER_QUESTION, question))
        .post("/engine-rest/task/" + resolveTask + "/submit-form")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder(RESOLVE_OUTCOME));
    assertThat(snapshot(incident)).isEqualTo(before);
    TasklistApi.login(resolver)
        .request()
        .body(form(RESOLVE_OUTCOME, OUTCOME_ASK_REPORTER, REPORTER_QUESTION, question))
        .post(TasklistApi.ENGINE + "/task/" + resolveTask + "/submit-form")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder(RESOLVE_OUTCOME));
    assertThat(snapshot(incident)).isEqualTo(before);
    as(resolver)
        .body(
            form(
                RESOLVE_OUTCOME, OUTCOME_ASK_REPORTER, REPORTER_QUESTION, question, PRIORITY, "P3"))
        .post("/engine-rest/task/" + resolveTask + "/submit-form")
        .then()
        .statusCode(400);
    assertThat(snapshot(incident)).isEqualTo(before);
  }

  @Test
  void aP1WhoseMajorDecisionIsOpenKeepsItsClockOnEverySurface() {
    Incident p1 = reportP1();
    Snapshot before = snapshot(p1);
    String resolveTask = task(p1, RESOLVE_TASK).getId();

    // the domain API, engine REST and the Tasklist's API, as a member of the resolving group
    questionRefusedOnEverySurface(p1, DemoUsers.ADAM, "major-decision-open");
    assertThat(snapshot(p1)).isEqualTo(before);

    // the Tasklist's own API, with a session and its CSRF token, after claiming the task
    taskService.claim(resolveTask, DemoUsers.AMY);
    Snapshot claimed = snapshot(p1);
    TasklistApi.login(DemoUsers.AMY)
        .request()
        .body(
            form(
                RESOLVE_OUTCOME,
                OUTCOME_ASK_REPORTER,
                REPORTER_QUESTION,
                "Which region do you see it in?"))
        .post(TasklistApi.ENGINE + "/task/" + resolveTask + "/submit-form")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder(RESOLVE_OUTCOME));
    assertThat(snapshot(p1)).isEqualTo(claimed);
    assertThat(instance(p1)).isWaitingAt(RESOLVE_TASK, DECLARE_MAJOR_TASK);

    // once declared, its clock does not stop either
    incidentService.declareMajor(p1.id(), DemoUsers.IAN, "Checkout down", List.of());
    askOverApi(p1, "Which region do you see it in?", DemoUsers.AMY)
        .statusCode(409)
        .body("type", equalTo("urn:handoff:problem:major-incident-no-pause"));
    assertThat(incidents.pauses(p1.id())).isEmpty();
  }

  @Test
  void anIncidentOpenedByAnAlertHasNoReporterToAsk() {
    String fingerprint = unique("fp");
    setClock(MONDAY_NINE);
    Incident alert =
        incidents
            .find(
                incidentService
                    .receiveAlerts(
                        List.of(
                            new AlertIntake(
                                fingerprint,
                                true,
                                new NewIncident(
                                    "Packet loss on uplink 3",
                                    null,
                                    "alertmanager",
                                    "network",
                                    Level.MEDIUM,
                                    Level.MEDIUM,
                                    "network",
                                    KnownRequest.NONE,
                                    IncidentSource.ALERTMANAGER,
                                    fingerprint))))
                    .get(0)
                    .incidentId())
            .orElseThrow();
    assertThat(alert.priority()).isEqualTo("P3");
    assertThat(instance(alert)).isWaitingAt(RESOLVE_TASK);
    Snapshot before = snapshot(alert);

    questionRefusedOnEverySurface(alert, DemoUsers.NINA, "alert-has-no-reporter");
    assertThat(snapshot(alert)).isEqualTo(before);
  }

  @Test
  void aSecondQuestionAndItsAnswerNeedTextsOfTheirOwn() {
    setClock(MONDAY_NINE);
    Incident incident = report(Level.MEDIUM, Level.MEDIUM, "network");
    askOverApi(incident, "Which VPN client version do you run?", DemoUsers.NINA).statusCode(200);
    answerOverApi(incident, "Version 5.2");
    assertThat(runtimeService.getVariables(incident.processInstanceId()))
        .as("the first question and answer are kept with the pause, not as variables")
        .doesNotContainKeys(REPORTER_QUESTION, REPORTER_ANSWER, ANSWERED_BY);
    Snapshot working = snapshot(incident);
    String resolveTask = task(incident, RESOLVE_TASK).getId();

    // asking again with no question of its own: engine REST and the Tasklist's API
    as(DemoUsers.NINA)
        .body(form(RESOLVE_OUTCOME, OUTCOME_ASK_REPORTER))
        .post("/engine-rest/task/" + resolveTask + "/complete")
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder(REPORTER_QUESTION));
    assertThat(snapshot(incident)).isEqualTo(working);
    TasklistApi.login(DemoUsers.NOAH)
        .request()
        .body(form(RESOLVE_OUTCOME, OUTCOME_ASK_REPORTER))
        .post(TasklistApi.ENGINE + "/task/" + resolveTask + "/submit-form")
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder(REPORTER_QUESTION));
    assertThat(snapshot(incident)).isEqualTo(working);

    askOverApi(incident, "Does it also fail on the office network?", DemoUsers.NINA)
        .statusCode(200)
        .body("status", equalTo("AWAITING_REPORTER"));
    Snapshot waiting = snapshot(incident);
    String answerTask = task(incident, ANSWER_TASK).getId();

    // the reporter answering with nothing of their own: engine REST and the Tasklist's API
    as("erin")
        .body(form())
        .post("/engine-rest/task/" + answerTask + "/submit-form")
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder(REPORTER_ANSWER));
    assertThat(snapshot(incident)).isEqualTo(waiting);
    TasklistApi.login("erin")
        .request()
        .body(form())
        .post(TasklistApi.ENGINE + "/task/" + answerTask + "/submit-form")
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder(REPORTER_ANSWER));
    assertThat(snapshot(incident)).isEqualTo(waiting);

    as("erin")
        .body(form(REPORTER_ANSWER, "Only at home"))
        .post("/engine-rest/task/" + answerTask + "/submit-form")
        .then()
        .statusCode(204);
    assertThat(incidents.pauses(incident.id()))
        .extracting(Pause::question, Pause::answer)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Which VPN client version do you run?", "Version 5.2"),
            org.assertj.core.groups.Tuple.tuple(
                "Does it also fail on the office network?", "Only at home"));
  }

  @Test
  void aResolutionNeedsItsOwnCodeAndNotesAlsoAfterTheReporterReopened() {
    Incident incident = report(Level.LOW, Level.HIGH, "hardware");
    String resolveTask = task(incident, RESOLVE_TASK).getId();
    Snapshot working = snapshot(incident);

    // no code and no notes: both named at once
    as(DemoUsers.SAM)
        .body(form())
        .post("/engine-rest/task/" + resolveTask + "/complete")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder(RESOLUTION_CODE, RESOLUTION_NOTES));
    assertThat(snapshot(incident)).isEqualTo(working);

    resolveAndAskReporter(incident, "HARDWARE_REPLACED");
    asIntegration()
        .body(Map.of("reason", "Printer jams again"))
        .post("/api/incidents/" + incident.id() + "/reopen")
        .then()
        .statusCode(200)
        .body("status", equalTo("REOPENED"));
    Snapshot reopened = snapshot(incident);
    assertThat(reopened.variables())
        .doesNotContainKeys(RESOLUTION_CODE, RESOLUTION_NOTES)
        .containsEntry(REFUSED_RESOLUTION, "HARDWARE_REPLACED: Replaced the fuser");
    String again = task(incident, RESOLVE_TASK).getId();

    // the refused resolution does not stand in for a new one: engine REST and the Tasklist's API
    as(DemoUsers.SAM)
        .body(form())
        .post("/engine-rest/task/" + again + "/complete")
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder(RESOLUTION_CODE, RESOLUTION_NOTES));
    assertThat(snapshot(incident)).isEqualTo(reopened);
    // the refused resolution is shown, not written
    as(DemoUsers.SAM)
        .body(
            form(
                RESOLUTION_CODE,
                "FIXED",
                RESOLUTION_NOTES,
                "Cleaned the rollers",
                REFUSED_RESOLUTION,
                "none"))
        .post("/engine-rest/task/" + again + "/submit-form")
        .then()
        .statusCode(400);
    assertThat(snapshot(incident)).isEqualTo(reopened);
    TasklistApi.login(DemoUsers.SAM)
        .request()
        .body(form(RESOLUTION_NOTES, "Cleaned the rollers"))
        .post(TasklistApi.ENGINE + "/task/" + again + "/submit-form")
        .then()
        .statusCode(400)
        .body("errors.field", containsInAnyOrder(RESOLUTION_CODE));
    assertThat(snapshot(incident)).isEqualTo(reopened);

    as(DemoUsers.SAM)
        .body(form(RESOLUTION_CODE, "FIXED", RESOLUTION_NOTES, "Cleaned the rollers"))
        .post("/engine-rest/task/" + again + "/submit-form")
        .then()
        .statusCode(204);
    assertThat(reload(incident).resolutionCode()).isEqualTo("FIXED");
    assertThat(reload(incident).resolutionNotes()).isEqualTo("Cleaned the rollers");
  }

  /** Two resolvers ask at the same moment: one question stops the clock, the other is 409. */
  @Test
  void twoQuestionsAtTheSameMomentStopTheClockOnce() throws Exception {
    setClock(MONDAY_NINE);
    Incident incident = report(Level.MEDIUM, Level.MEDIUM, "network");

    List<Integer> statuses =
        Concurrently.run(
            List.of(
                () -> askOverApi(incident, "Which client?", DemoUsers.NINA).extract().statusCode(),
                () ->
                    askOverApi(incident, "Which network?", DemoUsers.NOAH).extract().statusCode()));

    assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    assertThat(incidents.pauses(incident.id())).hasSize(1);
    assertThat(reload(incident).status()).isEqualTo(IncidentStatus.AWAITING_REPORTER);
    assertThat(instance(incident)).isWaitingAt(ANSWER_TASK);
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(incident.processInstanceId())
                .taskDefinitionKey(ANSWER_TASK)
                .count())
        .isEqualTo(1);
  }
}
