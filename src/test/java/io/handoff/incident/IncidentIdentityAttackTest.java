package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import io.handoff.support.DemoUsers;
import io.handoff.support.EngineVariables;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.TasklistApi;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who an incident is for comes from the login, and an account is reset or unlocked only for the
 * reporter who asked under their own login: attacked by an employee naming a colleague through
 * engine REST and the Tasklist's API, and by an integration naming someone in its body.
 */
@HandoffSpringTest
class IncidentIdentityAttackTest extends IncidentTestSupport {

  private static final String START = "/engine-rest/process-definition/key/incident-escalation";

  @Autowired HistoryService historyService;

  private long incidentsStarted() {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(IncidentVariables.PROCESS_KEY)
        .count();
  }

  private static Map<String, Object> reportForm(String title) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("title", title);
    form.put("description", "I forgot my password and need a reset for my Windows login");
    form.put("service", "workplace");
    form.put("impact", "LOW");
    form.put("urgency", "MEDIUM");
    form.put("category", "access");
    form.put("knownRequest", "PASSWORD_RESET");
    return form;
  }

  @Test
  void employeeNamingAColleagueAsReporterOverEngineRestIsRefusedAndNothingStarts() {
    long before = incidentsStarted();
    Map<String, Object> forFiona = reportForm(unique("Reset for fiona"));
    forFiona.put("reporter", DemoUsers.FIONA);
    forFiona.put("initiator", DemoUsers.FIONA);
    forFiona.put("source", "REST");

    as(DemoUsers.ERIN)
        .body(Map.of("variables", EngineVariables.of(forFiona)))
        .post(START + "/submit-form")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItems("reporter", "initiator", "source"));
    // The plain start (no form) and a chosen business key are not for people either.
    as(DemoUsers.ERIN)
        .body(Map.of("variables", EngineVariables.of(forFiona)))
        .post(START + "/start")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(DemoUsers.ERIN)
        .body(
            Map.of(
                "variables",
                EngineVariables.of(reportForm(unique("keyed"))),
                "businessKey",
                "my-own-key"))
        .post(START + "/submit-form")
        .then()
        .statusCode(400)
        .body("errors.field", hasItems("businessKey"));
    TasklistApi.login(DemoUsers.ERIN)
        .request()
        .body(Map.of("variables", EngineVariables.of(forFiona)))
        .post(TasklistApi.ENGINE + "/process-definition/key/incident-escalation/submit-form")
        .then()
        .statusCode(400)
        .body("message", containsString("reporter"));

    assertThat(incidentsStarted()).isEqualTo(before);
  }

  @Test
  void employeeReportingFromTheStartFormIsTheReporterAndOnlyTheirOwnAccountIsReset() {
    String title = unique("Forgot my password");
    String processInstanceId =
        as(DemoUsers.ERIN)
            .body(Map.of("variables", EngineVariables.of(reportForm(title))))
            .post(START + "/submit-form")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    HistoricProcessInstance started =
        historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .singleResult();
    assertThat(started.getStartUserId()).isEqualTo(DemoUsers.ERIN);
    Incident incident = incidents.find(started.getBusinessKey()).orElseThrow();
    assertThat(incident.title()).isEqualTo(title);
    assertThat(incident.reporter()).isEqualTo(DemoUsers.ERIN);

    runJob(incident, "RemediateAutomaticallyTask");
    assertThat(incidents.identityRequests(incident.id())).containsExactly("erin:PASSWORD_RESET");
  }

  @Test
  void integrationNamingSomeoneInItsBodyGetsNoAutomaticResetTheServiceDeskVerifies() {
    Incident incident =
        report(Level.LOW, Level.MEDIUM, "access", KnownRequest.ACCOUNT_LOCKOUT, DemoUsers.FIONA);

    runJob(incident, "RemediateAutomaticallyTask");

    assertThat(incidents.identityRequests(incident.id())).isEmpty();
    assertThat(instance(incident)).hasPassed("RemediationFailedEvent");
    assertThat(candidateGroups(task(incident, "ResolveIncidentTask")))
        .containsExactly("service-desk");
    assertThat(reload(incident).status()).isNotEqualTo(IncidentStatus.CLOSED);
    assertThat(reload(incident).reporter()).isEqualTo(DemoUsers.FIONA);
  }

  @Test
  void integrationCannotStartOrCorrelateIncidentsThroughTheEngine() {
    asIntegration()
        .body(Map.of("variables", EngineVariables.of(reportForm(unique("x")))))
        .post(START + "/submit-form")
        .then()
        .statusCode(403);
    asIntegration()
        .body(Map.of("messageName", "AlertResolved", "all", true))
        .post("/engine-rest/message")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    asIntegration()
        .body(Map.of("name", "anything"))
        .post("/engine-rest/signal")
        .then()
        .statusCode(403);
  }
}
