package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.handoff.incident.store.IncidentRepository.Pause;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.Prometheus;
import io.handoff.support.TasklistApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SLA pause: the resolver asks the reporter a question (API or Tasklist), the incident waits for
 * the reporter with its resolution clock stopped, the answer resumes it with the working time that
 * was left, silence closes it. Only the resolver asks and only the reporter answers, on every
 * surface.
 */
@HandoffSpringTest
class IncidentSlaPauseTest extends IncidentTestSupport {

  static final String PROBLEM_JSON = "application/problem+json";

  /** Monday 2026-03-02 10:00 in Berlin: the network group's calendar, 08:00-18:00. */
  static final Instant MONDAY_TEN_BERLIN = Instant.parse("2026-03-02T09:00:00Z");

  @Autowired IdentityService identityService;

  private Incident reportP3() {
    setClock(MONDAY_TEN_BERLIN);
    Incident incident = report(Level.MEDIUM, Level.MEDIUM, "network");
    assertThat(incident.priority()).isEqualTo("P3");
    assertThat(incident.slaDue()).isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
    return incident;
  }

  private void askThroughApi(Incident incident, String askedBy) {
    asIntegration()
        .body(Map.of("question", "Which VPN client version do you run?", "askedBy", askedBy))
        .post("/api/incidents/" + incident.id() + "/questions")
        .then()
        .statusCode(200)
        .body("status", equalTo("AWAITING_REPORTER"));
  }

  /** What must stay the same when a refused attempt is made while the incident waits. */
  private record Snapshot(
      IncidentStatus status, Instant slaDue, List<Pause> pauses, String taskId, Object slaDueVar) {}

  private Snapshot snapshot(Incident incident, String taskKey) {
    Incident now = reload(incident);
    Task task = task(incident, taskKey);
    return new Snapshot(
        now.status(),
        now.slaDue(),
        incidents.pauses(incident.id()),
        task == null ? null : task.getId(),
        runtimeService.getVariable(incident.processInstanceId(), SLA_DUE));
  }

  @Test
  void aQuestionStopsTheClockAndTheAnswerResumesItWithTheWorkingTimeThatWasLeft() {
    Incident incident = reportP3();
    setClock(Instant.parse("2026-03-02T11:00:00Z")); // Monday 12:00 Berlin: 28 working hours left

    askThroughApi(incident, DemoUsers.NINA);

    Incident waiting = reload(incident);
    assertThat(waiting.status()).isEqualTo(IncidentStatus.AWAITING_REPORTER);
    assertThat(instance(incident)).isWaitingAt(ANSWER_TASK);
    assertThat(task(incident, ANSWER_TASK).getAssignee()).isEqualTo("erin");
    assertThat(task(incident, RESOLVE_TASK)).isNull();
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(incident.processInstanceId())
                .activityId("SlaTargetReachedEvent")
                .count())
        .as("no SLA timer runs while the reporter is asked")
        .isZero();
    assertThat(incidentService.view(incident.id()).firstResponseBy())
        .as("asking is a response")
        .isEqualTo(DemoUsers.NINA);

    // the reporter answers on Wednesday 17:00 Berlin, two days later
    setClock(Instant.parse("2026-03-04T16:00:00Z"));
    as(DemoUsers.INTEGRATION)
        .body(Map.of("answer", "Version 5.2 on Windows 11", "answeredBy", "erin"))
        .post("/api/incidents/" + incident.id() + "/answers")
        .then()
        .statusCode(200)
        .body("status", equalTo("IN_PROGRESS"))
        .body("pauses[0].outcome", equalTo("ANSWERED"))
        .body("pauses[0].question", equalTo("Which VPN client version do you run?"))
        .body("pauses[0].answer", equalTo("Version 5.2 on Windows 11"))
        .body("pauses[0].askedBy", equalTo(DemoUsers.NINA))
        .body("pauses[0].answeredBy", equalTo("erin"));

    // 28 working hours from Wednesday 17:00: 1 + 10 (Thu) + 10 (Fri) + 7 (Mon) = Monday 15:00
    Instant resumedDue = Instant.parse("2026-03-09T14:00:00Z");
    Incident resumed = reload(incident);
    assertThat(resumed.status()).isEqualTo(IncidentStatus.IN_PROGRESS);
    assertThat(resumed.slaDue()).isEqualTo(resumedDue);
    assertThat(instance(incident)).isWaitingAt(RESOLVE_TASK);
    assertThat(job(incident, "SlaReminderDueEvent").getDuedate().toInstant()).isBefore(resumedDue);
    assertThat(incidents.pauses(incident.id()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pausedAt()).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
              assertThat(p.slaDueAtPause()).isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
              assertThat(p.endedAt()).isEqualTo(Instant.parse("2026-03-04T16:00:00Z"));
              assertThat(p.slaDueResumed()).isEqualTo(resumedDue);
            });
    fireTimer(incident, "SlaReminderDueEvent");
    assertThat(fireTimer(incident, "SlaTargetReachedEvent")).isEqualTo(resumedDue);
    assertThat(reload(incident).escalationLevel()).isEqualTo(2);
  }

  /** The incident process's insights of the period, as a process lead reads them. */
  private io.restassured.response.ValidatableResponse insightsOf(String from, String to) {
    return as(DemoUsers.PETRA)
        .queryParam("from", from)
        .queryParam("to", to)
        .get("/api/insights/incident-escalation")
        .then()
        .statusCode(200);
  }

  private long awaitingAtTheEndOf(String from, String to) {
    return insightsOf(from, to).extract().jsonPath().getLong("incidents.slaPauses.awaiting");
  }

  @Test
  void theInsightsAndTheMetricsCountThePausesOfThePeriod() {
    // 2032-03-01 is a Monday of a week no other test uses, so the period holds these pauses only,
    // but for questions other tests left waiting, which count as awaiting at the end of any later
    // period: those are counted first
    long awaitingBefore = awaitingAtTheEndOf("2032-03-01", "2032-03-15");
    long awaitingWednesdayBefore = awaitingAtTheEndOf("2032-03-03", "2032-03-04");
    setClock(Instant.parse("2032-03-01T09:00:00Z"));
    double pausesBefore =
        Prometheus.count(
            Prometheus.scrape(), "handoff_incidents_sla_pauses_total", "priority=\"P3\"");
    Incident answered = report(Level.MEDIUM, Level.MEDIUM, "network");
    Incident unanswered = report(Level.MEDIUM, Level.MEDIUM, "network");
    setClock(Instant.parse("2032-03-01T11:00:00Z"));
    askThroughApi(answered, DemoUsers.NINA);
    setClock(Instant.parse("2032-03-01T12:00:00Z"));
    askThroughApi(unanswered, DemoUsers.NINA);
    setClock(Instant.parse("2032-03-03T16:00:00Z")); // answered after 53 hours
    asIntegration()
        .body(Map.of("answer", "Version 5.2", "answeredBy", "erin"))
        .post("/api/incidents/" + answered.id() + "/answers")
        .then()
        .statusCode(200);
    Instant closed = fireTimer(unanswered, "ReporterAnswerOverdueEvent");
    assertThat(closed).isEqualTo(Instant.parse("2032-03-06T12:00:00Z")); // after 5 days
    setClock(Instant.parse("2032-03-12T10:00:00Z")); // a Friday: still waiting at the period's end
    Incident awaiting = report(Level.MEDIUM, Level.MEDIUM, "network");
    askThroughApi(awaiting, DemoUsers.NINA);

    int hour = 3_600_000;
    insightsOf("2032-03-01", "2032-03-15")
        .body("incidents.slaPauses.asked", equalTo(3))
        .body("incidents.slaPauses.answered", equalTo(1))
        .body("incidents.slaPauses.unanswered", equalTo(1))
        .body("incidents.slaPauses.awaiting", equalTo((int) awaitingBefore + 1))
        .body("incidents.slaPauses.pausedFor.count", equalTo(2))
        .body("incidents.slaPauses.pausedFor.p50Ms", equalTo(53 * hour))
        .body("incidents.slaPauses.pausedFor.maxMs", equalTo(120 * hour));
    // Wednesday only: the answer came in it, the other question was still waiting at its end
    insightsOf("2032-03-03", "2032-03-04")
        .body("incidents.slaPauses.asked", equalTo(0))
        .body("incidents.slaPauses.answered", equalTo(1))
        .body("incidents.slaPauses.unanswered", equalTo(0))
        .body("incidents.slaPauses.awaiting", equalTo((int) awaitingWednesdayBefore + 1))
        .body("incidents.slaPauses.pausedFor.count", equalTo(1))
        .body("incidents.slaPauses.pausedFor.maxMs", equalTo(53 * hour));
    String csv =
        as(DemoUsers.PETRA)
            .accept("text/csv")
            .queryParam("from", "2032-03-01")
            .queryParam("to", "2032-03-15")
            .get("/api/insights/incident-escalation")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(csv).contains("incidents.slaPauses.asked,3", "incidents.slaPauses.unanswered,1");
    assertThat(
            Prometheus.count(
                Prometheus.scrape(), "handoff_incidents_sla_pauses_total", "priority=\"P3\""))
        .as("each question counted once in the metrics")
        .isEqualTo(pausesBefore + 3);
  }

  @Test
  void aQuestionAskedInTheTasklistThatIsNotAnsweredInTimeClosesTheIncident() {
    Incident incident = reportP3();
    Task resolve = task(incident, RESOLVE_TASK);
    as(DemoUsers.NINA)
        .body(
            Map.of(
                "variables",
                Map.of(
                    RESOLVE_OUTCOME, Map.of("value", OUTCOME_ASK_REPORTER),
                    REPORTER_QUESTION,
                        Map.of("value", "Does it happen on the wired network too?"))))
        .post("/engine-rest/task/" + resolve.getId() + "/submit-form")
        .then()
        .statusCode(204);
    assertThat(reload(incident).status()).isEqualTo(IncidentStatus.AWAITING_REPORTER);

    Instant closedAt = fireTimer(incident, "ReporterAnswerOverdueEvent");

    assertThat(closedAt).isEqualTo(MONDAY_TEN_BERLIN.plus(java.time.Duration.ofDays(5)));
    Incident closed = reload(incident);
    assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(closed.closeReason()).isEqualTo("NO_REPORTER_ANSWER");
    assertThat(incidents.pauses(incident.id()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.askedBy()).isEqualTo(DemoUsers.NINA);
              assertThat(p.outcome()).isEqualTo("UNANSWERED");
              assertThat(p.answer()).isNull();
            });
    assertThat(instance(incident)).isNull();
  }

  @Test
  void onlyTheReporterAnswersAndARefusedAnswerChangesNothing() {
    Incident incident = reportP3();
    askThroughApi(incident, DemoUsers.NINA);
    Snapshot before = snapshot(incident, ANSWER_TASK);
    String taskId = before.taskId();

    // someone else named as the answerer through the domain API
    asIntegration()
        .body(Map.of("answer", "It is fine now", "answeredBy", DemoUsers.SAM))
        .post("/api/incidents/" + incident.id() + "/answers")
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("urn:handoff:problem:reporter-only"));
    assertThat(snapshot(incident, ANSWER_TASK)).isEqualTo(before);

    // another user on engine REST: the task is the reporter's
    as(DemoUsers.SAM)
        .body(Map.of("variables", Map.of(REPORTER_ANSWER, Map.of("value", "It is fine now"))))
        .post("/engine-rest/task/" + taskId + "/submit-form")
        .then()
        .statusCode(403);
    assertThat(snapshot(incident, ANSWER_TASK)).isEqualTo(before);

    // another user through the Tasklist's own API, with a session and its CSRF token
    TasklistApi.login(DemoUsers.SAM)
        .request()
        .body(Map.of("variables", Map.of(REPORTER_ANSWER, Map.of("value", "It is fine now"))))
        .post(TasklistApi.ENGINE + "/task/" + taskId + "/submit-form")
        .then()
        .statusCode(403);
    assertThat(snapshot(incident, ANSWER_TASK)).isEqualTo(before);

    // an administrator on engine REST is not the reporter either
    as(DemoUsers.ADMIN)
        .body(Map.of("variables", Map.of(REPORTER_ANSWER, Map.of("value", "It is fine now"))))
        .post("/engine-rest/task/" + taskId + "/submit-form")
        .then()
        .statusCode(403)
        .body("message", startsWith("Only the reporter of incident"));
    assertThat(snapshot(incident, ANSWER_TASK)).isEqualTo(before);

    // the reporter with a variable the form does not ask for
    as("erin")
        .body(
            Map.of(
                "variables",
                Map.of(
                    REPORTER_ANSWER, Map.of("value", "Version 5.2"),
                    SLA_DUE, Map.of("value", "2030-01-01T00:00:00Z"))))
        .post("/engine-rest/task/" + taskId + "/submit-form")
        .then()
        .statusCode(400);
    assertThat(snapshot(incident, ANSWER_TASK)).isEqualTo(before);

    // the reporter in the Tasklist: answered
    as("erin")
        .body(Map.of("variables", Map.of(REPORTER_ANSWER, Map.of("value", "Version 5.2"))))
        .post("/engine-rest/task/" + taskId + "/submit-form")
        .then()
        .statusCode(204);
    assertThat(reload(incident).status()).isEqualTo(IncidentStatus.IN_PROGRESS);
    assertThat(incidents.pauses(incident.id()).get(0).answeredBy()).isEqualTo("erin");
  }

  @Test
  void onlyTheResolverAsksAndARefusedQuestionChangesNothing() {
    Incident incident = reportP3();
    Snapshot before = snapshot(incident, RESOLVE_TASK);

    // a service desk member is not in network-ops, the group the incident is assigned to
    asIntegration()
        .body(Map.of("question", "Anything else?", "askedBy", DemoUsers.SAM))
        .post("/api/incidents/" + incident.id() + "/questions")
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("urn:handoff:problem:resolver-only"));
    assertThat(snapshot(incident, RESOLVE_TASK)).isEqualTo(before);

    // the reporter on engine REST cannot complete the group's task
    as("erin")
        .body(
            Map.of(
                "variables",
                Map.of(
                    RESOLVE_OUTCOME, Map.of("value", OUTCOME_ASK_REPORTER),
                    REPORTER_QUESTION, Map.of("value", "Shall I close it?"))))
        .post("/engine-rest/task/" + before.taskId() + "/submit-form")
        .then()
        .statusCode(403);
    assertThat(snapshot(incident, RESOLVE_TASK)).isEqualTo(before);

    // the resolver with a variable the form does not ask for
    as(DemoUsers.NINA)
        .body(
            Map.of(
                "variables",
                Map.of(
                    RESOLVE_OUTCOME, Map.of("value", OUTCOME_ASK_REPORTER),
                    REPORTER_QUESTION, Map.of("value", "Which client?"),
                    SLA_PAUSED_AT, Map.of("value", "2026-01-01T00:00:00Z"))))
        .post("/engine-rest/task/" + before.taskId() + "/submit-form")
        .then()
        .statusCode(400);
    assertThat(snapshot(incident, RESOLVE_TASK)).isEqualTo(before);

    // the resolver asking without a question
    as(DemoUsers.NINA)
        .body(Map.of("variables", Map.of(RESOLVE_OUTCOME, Map.of("value", OUTCOME_ASK_REPORTER))))
        .post("/engine-rest/task/" + before.taskId() + "/submit-form")
        .then()
        .statusCode(400);
    assertThat(snapshot(incident, RESOLVE_TASK)).isEqualTo(before);
    assertThat(incidents.pauses(incident.id())).isEmpty();
  }

  @Test
  void questionsAndAnswersNameEveryBadFieldAndRefuseWhatDoesNotFit() {
    Incident incident = reportP3();

    asIntegration()
        .body(Map.of("question", " "))
        .post("/api/incidents/" + incident.id() + "/questions")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder("question", "askedBy"));
    asIntegration()
        .body(Map.of())
        .post("/api/incidents/" + incident.id() + "/answers")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", containsInAnyOrder("answer", "answeredBy"));
    asIntegration()
        .body(Map.of("answer", "Yes", "answeredBy", "erin"))
        .post("/api/incidents/" + incident.id() + "/answers")
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON);
    asIntegration()
        .body(Map.of("question", "Which?", "askedBy", DemoUsers.NINA))
        .post("/api/incidents/no-such-incident/questions")
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON);
    as("erin")
        .body(Map.of("question", "Which?", "askedBy", DemoUsers.NINA))
        .post("/api/incidents/" + incident.id() + "/questions")
        .then()
        .statusCode(403);
    anonymous()
        .body(Map.of("question", "Which?", "askedBy", DemoUsers.NINA))
        .post("/api/incidents/" + incident.id() + "/questions")
        .then()
        .statusCode(401);
    assertThat(reload(incident).status()).isEqualTo(IncidentStatus.IN_PROGRESS);
    askThroughApi(incident, DemoUsers.NINA);
    asIntegration()
        .body(Map.of("question", "And another?", "askedBy", DemoUsers.NINA))
        .post("/api/incidents/" + incident.id() + "/questions")
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON);
  }
}
