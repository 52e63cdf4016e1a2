package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The incident REST API over HTTP: intake, Alertmanager, confirm/reopen, read, every 4xx. */
@HandoffSpringTest
class IncidentApiTest extends IncidentTestSupport {

  static final String PROBLEM_JSON = "application/problem+json";

  private long runningInstances() {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey(IncidentVariables.PROCESS_KEY)
        .count();
  }

  private static Map<String, Object> report(String impact, String urgency, String category) {
    var body =
        new java.util.HashMap<String, Object>(
            Map.of(
                "title",
                "VPN drops every 10 minutes",
                "description",
                "Since this morning, all of sales",
                "reporter",
                "erin",
                "service",
                unique("vpn"),
                "impact",
                impact,
                "urgency",
                urgency));
    if (category != null) {
      body.put("category", category);
    }
    return body;
  }

  private Incident posted(Map<String, Object> body) {
    String id =
        asIntegration()
            .body(body)
            .post("/api/incidents")
            .then()
            .statusCode(201)
            .extract()
            .path("incidentId");
    return incidents.find(id).orElseThrow();
  }

  private ValidatableResponse badRequest(Object body, String path) {
    return asIntegration().body(body).post(path).then().statusCode(400).contentType(PROBLEM_JSON);
  }

  // ------------------------------------------------------------------ POST /api/incidents

  @Test
  void reportingAnIncidentAnswers201WithPriorityStatusAndLocation() {
    String id =
        asIntegration()
            .body(report("HIGH", "MEDIUM", "network"))
            .post("/api/incidents")
            .then()
            .statusCode(201)
            .body("incidentId", notNullValue())
            .body("processInstanceId", notNullValue())
            .body("priority", equalTo("P2"))
            .body("category", equalTo("network"))
            .body("status", equalTo("IN_PROGRESS"))
            .extract()
            .path("incidentId");

    asIntegration()
        .get("/api/incidents/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("IN_PROGRESS"))
        .body("priority", equalTo("P2"))
        .body("category", equalTo("network"))
        .body("assignedGroup", equalTo("network-ops"))
        .body("escalationLevel", equalTo(1))
        .body("slaDue", equalTo("2026-03-02T17:00:00Z"))
        .body("escalations", hasSize(0));
  }

  @Test
  void locationHeaderPointsAtTheNewIncident() {
    var response = asIntegration().body(report("LOW", "LOW", null)).post("/api/incidents");
    String id = response.path("incidentId");
    assertThat(response.header("Location")).endsWith("/api/incidents/" + id);
    assertThat((String) response.path("priority")).isEqualTo("P5");
  }

  @Test
  void incidentWithoutCategoryIsClassifiedByTheAgentWhenItIsConfident() {
    var response =
        asIntegration()
            .body(report("LOW", "LOW", null))
            .post("/api/incidents")
            .then()
            .statusCode(201);
    response.body("category", equalTo("network")).body("status", equalTo("IN_PROGRESS"));
    String processInstanceId = response.extract().path("processInstanceId");

    asIntegration()
        .queryParam("processInstanceId", processInstanceId)
        .get("/api/audit/agent-actions")
        .then()
        .statusCode(200)
        .body("$", hasSize(1))
        .body("[0].task", equalTo("classify-incident"))
        .body("[0].activityId", equalTo("ClassifyIncidentTask"))
        .body("[0].output.proposal", equalTo("network"))
        .body("[0].routedToPerson", equalTo(false))
        .body("[0].autonomy", equalTo("supervised"));
  }

  @Test
  void vagueIncidentAnswersTriageWithoutCategoryAndTheAgentsProposalIsAudited() {
    var body = report("LOW", "LOW", null);
    body.put("title", VAGUE_TITLE);
    body.put("description", VAGUE_DESCRIPTION);
    var response = asIntegration().body(body).post("/api/incidents").then().statusCode(201);
    response.body("status", equalTo("TRIAGE")).body("category", nullValue());
    String processInstanceId = response.extract().path("processInstanceId");

    asIntegration()
        .queryParam("processInstanceId", processInstanceId)
        .get("/api/audit/agent-actions")
        .then()
        .statusCode(200)
        .body("$", hasSize(1))
        .body("[0].routedToPerson", equalTo(true))
        .body("[0].output.proposal", notNullValue())
        .body("[0].decidedBy", nullValue());
  }

  @Test
  void unknownImpactIs400NamingTheFieldAndStartsNothing() {
    long before = runningInstances();
    badRequest(report("SEVERE", "LOW", null), "/api/incidents")
        .body("errors.field", hasItem("impact"));
    assertThat(runningInstances()).isEqualTo(before);
  }

  @Test
  void emptyTitleAndMissingUrgencyAre400NamingBothFields() {
    var body = report("LOW", "LOW", null);
    body.put("title", " ");
    body.remove("urgency");
    long before = runningInstances();
    badRequest(body, "/api/incidents").body("errors.field", containsInAnyOrder("title", "urgency"));
    assertThat(runningInstances()).isEqualTo(before);
  }

  @Test
  void unknownCategoryIs400() {
    badRequest(report("LOW", "LOW", "printers"), "/api/incidents")
        .body("errors[0].field", equalTo("category"));
  }

  @Test
  void malformedJsonIs400() {
    badRequest("{\"title\": ", "/api/incidents").body("errors[0].field", equalTo("body"));
  }

  @Test
  void withoutCredentialsIs401() {
    anonymous()
        .body(report("LOW", "LOW", null))
        .post("/api/incidents")
        .then()
        .statusCode(401)
        .contentType(PROBLEM_JSON);
  }

  @Test
  void anEmployeeOutsideTheIntegratorsIs403() {
    as(DemoUsers.ALICE)
        .body(report("LOW", "LOW", null))
        .post("/api/incidents")
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON);
    as(DemoUsers.ALICE).get("/api/incidents/whatever").then().statusCode(403);
  }

  // ------------------------------------------------------------------ read, confirm, reopen

  @Test
  void unknownIncidentIs404Everywhere() {
    asIntegration().get("/api/incidents/nope").then().statusCode(404).contentType(PROBLEM_JSON);
    asIntegration().post("/api/incidents/nope/confirm").then().statusCode(404);
    asIntegration().post("/api/incidents/nope/reopen").then().statusCode(404);
  }

  @Test
  void confirmingOrReopeningAnIncidentThatIsNotResolvedIs409() {
    String id = posted(report("LOW", "LOW", "hardware")).id();
    asIntegration()
        .post("/api/incidents/" + id + "/confirm")
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo("urn:handoff:problem:incident-not-resolved"));
    asIntegration()
        .body(Map.of("reason", "still broken"))
        .post("/api/incidents/" + id + "/reopen")
        .then()
        .statusCode(409);
  }

  @Test
  void reporterReopensThenConfirmsOverHttp() {
    Incident incident = posted(report("LOW", "HIGH", "hardware"));
    String id = incident.id();
    resolveAndAskReporter(incident, "HARDWARE_REPLACED");

    asIntegration()
        .body(Map.of("reason", "Printer jams again"))
        .post("/api/incidents/" + id + "/reopen")
        .then()
        .statusCode(200)
        .body("status", equalTo("REOPENED"))
        .body("reopenReason", equalTo("Printer jams again"))
        .body("resolutionCode", equalTo(null))
        .body("reopens[0].reason", equalTo("Printer jams again"))
        .body("reopens[0].previousResolutionCode", equalTo("HARDWARE_REPLACED"))
        .body("assignedGroup", equalTo("service-desk"))
        .body("escalationLevel", equalTo(1));
    resolveAndAskReporter(incident, "HARDWARE_REPLACED");
    asIntegration()
        .get("/api/incidents/" + id)
        .then()
        .body("status", equalTo("RESOLVED"))
        .body("reopenReason", equalTo(null))
        .body("resolutionCode", equalTo("HARDWARE_REPLACED"))
        .body("reopens", org.hamcrest.Matchers.hasSize(1));

    asIntegration()
        .post("/api/incidents/" + id + "/confirm")
        .then()
        .statusCode(200)
        .body("status", equalTo("CLOSED"))
        .body("closeReason", equalTo("CONFIRMED"));
    asIntegration().post("/api/incidents/" + id + "/confirm").then().statusCode(409);
  }

  @Test
  void readingAnIncidentShowsItsEscalationHistory() {
    Incident incident = posted(report("HIGH", "MEDIUM", "database"));
    String id = incident.id();
    fireTimer(incident, "SlaReminderDueEvent");
    fireTimer(incident, "SlaTargetReachedEvent");

    asIntegration()
        .get("/api/incidents/" + id)
        .then()
        .statusCode(200)
        .body("escalationLevel", equalTo(2))
        .body("assignedGroup", equalTo("app-support"))
        .body("slaDue", equalTo("2026-03-03T01:00:00Z"))
        .body("escalations", hasSize(1))
        .body("escalations[0].fromGroup", equalTo("database-ops"))
        .body("escalations[0].toGroup", equalTo("app-support"))
        .body("escalations[0].toLevel", equalTo(2))
        .body("escalations[0].slaDue", equalTo("2026-03-02T17:00:00Z"))
        .body("escalations[0].escalatedAt", equalTo("2026-03-02T17:00:00Z"));
  }

  // ------------------------------------------------------------------ Alertmanager

  private static Map<String, Object> alert(
      String status, String fingerprint, Map<String, String> labels, String summary) {
    return Map.of(
        "status",
        status,
        "labels",
        labels,
        "annotations",
        summary == null
            ? Map.of("description", "Disk usage above 95 %")
            : Map.of("summary", summary, "description", "Disk usage above 95 %"),
        "startsAt",
        "2026-03-02T08:58:10.123456789Z",
        "endsAt",
        status.equals("resolved") ? "2026-03-02T09:30:00Z" : "0001-01-01T00:00:00Z",
        "generatorURL",
        "http://prometheus:9090/graph?g0.expr=node_filesystem_avail_bytes",
        "fingerprint",
        fingerprint);
  }

  private static Map<String, Object> notification(String status, List<Map<String, Object>> alerts) {
    return Map.of(
        "version",
        "4",
        "groupKey",
        "{}:{alertname=\"DiskFull\"}",
        "truncatedAlerts",
        0,
        "status",
        status,
        "receiver",
        "handoff",
        "groupLabels",
        Map.of("alertname", "DiskFull"),
        "commonLabels",
        Map.of("alertname", "DiskFull"),
        "commonAnnotations",
        Map.of(),
        "externalURL",
        "http://alertmanager:9093",
        "alerts",
        alerts);
  }

  private static Map<String, String> labels(String instance, String severity) {
    return Map.of(
        "alertname", "DiskFull", "instance", instance, "job", "node", "severity", severity);
  }

  @Test
  void alertmanagerGroupOpensOneIncidentPerAlertOnceAndResolvedAlertsCloseThem() {
    String a = unique("fp"), b = unique("fp"), c = unique("fp");
    var firing =
        notification(
            "firing",
            List.of(
                alert("firing", a, labels("db-1:9100", "critical"), "Disk full on db-1"),
                alert("firing", b, labels("db-2:9100", "warning"), null),
                alert("firing", c, labels("db-3:9100", "info"), "Disk filling on db-3")));

    List<String> ids =
        asIntegration()
            .body(firing)
            .post("/api/incidents/alertmanager")
            .then()
            .statusCode(200)
            .body("results", hasSize(3))
            .body("results.result", everyItem(equalTo("OPENED")))
            .body("results.priority", equalTo(List.of("P1", "P3", "P5")))
            .extract()
            .path("results.incidentId");
    assertThat(incidents.find(ids.get(1)).orElseThrow().title()).isEqualTo("DiskFull");
    assertThat(incidents.find(ids.get(0)).orElseThrow().reporter()).isEqualTo("alertmanager");
    assertThat(incidents.find(ids.get(0)).orElseThrow().service()).isEqualTo("db-1:9100");

    // Alertmanager re-sends the same group (repeat_interval): nothing new
    asIntegration()
        .body(firing)
        .post("/api/incidents/alertmanager")
        .then()
        .statusCode(200)
        .body("results.result", everyItem(equalTo("ALREADY_OPEN")))
        .body("results.incidentId", equalTo(ids));
    for (String fp : List.of(a, b, c)) {
      assertThat(
              runtimeService
                  .createProcessInstanceQuery()
                  .variableValueEquals(IncidentVariables.ALERT_FINGERPRINT, fp)
                  .count())
          .isEqualTo(1);
    }

    // two of them resolve
    asIntegration()
        .body(
            notification(
                "firing",
                List.of(
                    alert("resolved", a, labels("db-1:9100", "critical"), "Disk full on db-1"),
                    alert("resolved", b, labels("db-2:9100", "warning"), null),
                    alert("firing", c, labels("db-3:9100", "info"), "Disk filling on db-3"))))
        .post("/api/incidents/alertmanager")
        .then()
        .statusCode(200)
        .body("results.result", equalTo(List.of("RESOLVED", "RESOLVED", "ALREADY_OPEN")))
        .body("results.status[0]", equalTo("CLOSED"));

    asIntegration().get("/api/incidents/" + ids.get(0)).then().body("status", equalTo("CLOSED"));
    asIntegration()
        .get("/api/incidents/" + ids.get(1))
        .then()
        .body("status", equalTo("CLOSED"))
        .body("closeReason", equalTo("ALERT_RESOLVED"));
    // the alert without a category label was classified by the agent
    asIntegration()
        .get("/api/incidents/" + ids.get(2))
        .then()
        .body("status", equalTo("IN_PROGRESS"))
        .body("category", equalTo("database"))
        .body("assignedGroup", equalTo("database-ops"));

    // a resolved alert with no open incident changes nothing; the same alert firing again
    // later opens a new incident
    asIntegration()
        .body(
            notification(
                "resolved", List.of(alert("resolved", a, labels("db-1:9100", "critical"), "x"))))
        .post("/api/incidents/alertmanager")
        .then()
        .statusCode(200)
        .body("results[0].result", equalTo("NOT_OPEN"));
    asIntegration()
        .body(
            notification(
                "firing", List.of(alert("firing", a, labels("db-1:9100", "critical"), "x"))))
        .post("/api/incidents/alertmanager")
        .then()
        .statusCode(200)
        .body("results[0].result", equalTo("OPENED"));
  }

  @Test
  void concurrentDeliveriesOfOneAlertOpenOneIncidentAndTheOthersFindItOpen() throws Exception {
    for (int round = 0; round < 3; round++) {
      String fingerprint = unique("fp");
      var body =
          notification(
              "firing",
              List.of(alert("firing", fingerprint, labels("web-1:9100", "warning"), "5xx")));
      List<io.restassured.response.Response> answers =
          io.handoff.support.Concurrently.times(
              round == 0 ? 2 : 8,
              () -> asIntegration().body(body).post("/api/incidents/alertmanager"));
      assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(200));
      List<String> results =
          answers.stream().map(a -> a.<String>path("results[0].result")).sorted().toList();
      assertThat(results.get(results.size() - 1)).isEqualTo("OPENED");
      assertThat(results.subList(0, results.size() - 1)).containsOnly("ALREADY_OPEN");
      assertThat(answers.stream().map(a -> a.<String>path("results[0].incidentId")).distinct())
          .hasSize(1);
      assertThat(
              runtimeService
                  .createProcessInstanceQuery()
                  .variableValueEquals(IncidentVariables.ALERT_FINGERPRINT, fingerprint)
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void alertLabelsCanSetImpactUrgencyAndCategory() {
    var labels =
        Map.of(
            "alertname",
            "LoginBruteForce",
            "impact",
            "low",
            "urgency",
            "LOW",
            "category",
            "security");
    asIntegration()
        .body(notification("firing", List.of(alert("firing", unique("fp"), labels, null))))
        .post("/api/incidents/alertmanager")
        .then()
        .statusCode(200)
        .body("results[0].priority", equalTo("P2"))
        .body("results[0].status", equalTo("IN_PROGRESS"));
  }

  @Test
  void malformedAlertmanagerPayloadIs400NamingEachFieldAndOpensNothing() {
    String good = unique("fp");
    var alerts =
        List.of(
            alert("firing", good, labels("db-1:9100", "critical"), "fine"),
            Map.<String, Object>of(
                "status",
                "firing",
                "labels",
                Map.of("alertname", "X"),
                "startsAt",
                "2026-03-02T08:58:10Z"),
            alert("firing", unique("fp"), Map.of("alertname", "Y", "impact", "huge"), null),
            alert("firing", unique("fp"), Map.of("severity", "critical"), null));
    var body = new java.util.HashMap<>(notification("firing", alerts));
    body.put("version", "3");
    long before = runningInstances();

    badRequest(body, "/api/incidents/alertmanager")
        .body("errors.field", containsInAnyOrder("version", "alerts[1].fingerprint"));
    body.put("version", "4");
    badRequest(body, "/api/incidents/alertmanager")
        .body("errors.field", hasItem("alerts[1].fingerprint"));
    body.put("alerts", List.of(alerts.get(0), alerts.get(2), alerts.get(3)));
    badRequest(body, "/api/incidents/alertmanager")
        .body(
            "errors.field",
            containsInAnyOrder("alerts[1].labels.impact", "alerts[2].labels.alertname"));
    badRequest(
            Map.of("version", "4", "status", "firing", "alerts", List.of()),
            "/api/incidents/alertmanager")
        .body("errors.field", hasItem("alerts"));

    assertThat(runningInstances()).isEqualTo(before);
    assertThat(incidents.findOpenByFingerprint(good)).isEmpty();
  }

  @Test
  void alertmanagerNeedsIntegratorCredentials() {
    anonymous()
        .body(notification("firing", List.of()))
        .post("/api/incidents/alertmanager")
        .then()
        .statusCode(401);
    as(DemoUsers.ALICE)
        .body(notification("firing", List.of()))
        .post("/api/incidents/alertmanager")
        .then()
        .statusCode(403);
  }

  // ------------------------------------------------------------------ Tasklist

  @Test
  void anEmployeeReportsFromTheTasklistAndTheServiceDeskTriages() {
    as(DemoUsers.ERIN)
        .get("/engine-rest/process-definition/key/incident-escalation/deployed-start-form")
        .then()
        .statusCode(200)
        .body("id", equalTo("incident-report"))
        .body("components.key", hasItem("impact"));
    String title = VAGUE_TITLE;
    String instanceId =
        as(DemoUsers.ERIN)
            .body(
                Map.of(
                    "variables",
                    Map.of(
                        "title", Map.of("value", title),
                        "description", Map.of("value", VAGUE_DESCRIPTION),
                        "service", Map.of("value", "laptop"),
                        "impact", Map.of("value", "LOW"),
                        "urgency", Map.of("value", "HIGH"),
                        "category", Map.of("value", ""),
                        "knownRequest", Map.of("value", "NONE"))))
            .post("/engine-rest/process-definition/key/incident-escalation/submit-form")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    String incidentId =
        (String) runtimeService.getVariable(instanceId, IncidentVariables.INCIDENT_ID);
    Incident incident = incidents.find(incidentId).orElseThrow();
    assertThat(incident.reporter()).isEqualTo(DemoUsers.ERIN);
    assertThat(incident.source()).isEqualTo(IncidentSource.TASKLIST);
    assertThat(incident.status()).isEqualTo(IncidentStatus.TRIAGE);
    assertThat(incident.priority()).isEqualTo("P3");

    String taskId =
        as(DemoUsers.SAM)
            .queryParam("processInstanceId", instanceId)
            .get("/engine-rest/task")
            .then()
            .statusCode(200)
            .body("$", hasSize(1))
            .body("[0].taskDefinitionKey", equalTo("TriageIncidentTask"))
            .extract()
            .path("[0].id");
    as(DemoUsers.ERIN)
        .queryParam("processInstanceId", instanceId)
        .get("/engine-rest/task")
        .then()
        .body("$", hasSize(0));
    as(DemoUsers.SAM)
        .get("/engine-rest/task/" + taskId + "/deployed-form")
        .then()
        .statusCode(200)
        .body("id", equalTo("incident-triage"))
        .body("components.key", hasItem("category"));
    as(DemoUsers.SAM)
        .body(
            Map.of(
                "variables",
                Map.of(
                    "category", Map.of("value", "hardware"),
                    "knownRequest", Map.of("value", "NONE"))))
        .post("/engine-rest/task/" + taskId + "/submit-form")
        .then()
        .statusCode(204);

    Incident triaged = incidents.find(incidentId).orElseThrow();
    assertThat(triaged.triagedBy()).isEqualTo(DemoUsers.SAM);
    assertThat(triaged.category()).isEqualTo("hardware");
    assertThat(triaged.status()).isEqualTo(IncidentStatus.IN_PROGRESS);
    assertThat(candidateGroups(task(triaged, IncidentVariables.RESOLVE_TASK)))
        .containsExactly("service-desk");
    asIntegration()
        .queryParam("processInstanceId", instanceId)
        .get("/api/audit/agent-actions")
        .then()
        .statusCode(200)
        .body("[0].output.proposal", equalTo(triaged.categoryProposal()))
        .body("[0].decidedBy", equalTo(DemoUsers.SAM))
        .body("[0].humanDecision", equalTo("hardware"))
        .body("[0].agrees", org.hamcrest.Matchers.nullValue());
  }
}
