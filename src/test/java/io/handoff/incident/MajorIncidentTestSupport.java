package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.handoff.incident.store.MajorIncidentRepository;
import io.handoff.platform.decision.DecisionLedger;
import io.handoff.support.DemoUsers;
import io.handoff.support.TasklistApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;

/** What the major incident tests share: a P1 in work, its resolution and review, token moves. */
abstract class MajorIncidentTestSupport extends IncidentTestSupport {

  static final String PROBLEM_JSON = "application/problem+json";
  static final String CHANNEL = "major-incidents";

  @Autowired MajorIncidentRepository majors;
  @Autowired DecisionLedger ledger;
  @Autowired IdentityService identityService;

  /** A P1 being worked, on-call paged, its declaration task open. */
  Incident reportP1() {
    Incident incident = report(Level.HIGH, Level.HIGH, "application");
    assertThat(incident.priority()).isEqualTo("P1");
    runJob(incident, "NotifyOnCallTask");
    assertThat(instance(incident)).isWaitingAt(RESOLVE_TASK, DECLARE_MAJOR_TASK);
    return incident;
  }

  /** Completes "Resolve incident" under a member of its group. */
  void resolveAs(String userId, Incident incident) {
    identityService.setAuthentication(userId, List.of("app-support"));
    try {
      taskService.complete(
          task(incident, RESOLVE_TASK).getId(),
          Map.of(RESOLUTION_CODE, "FIXED", RESOLUTION_NOTES, "Restarted the gateway"));
    } finally {
      identityService.clearAuthentication();
    }
  }

  List<String> stakeholderMessages(Incident incident) {
    return incidents.notifications(incident.id()).stream()
        .filter(n -> n.startsWith("CHAT:" + CHANNEL + ":"))
        .toList();
  }

  static Map<String, Object> value(Object v) {
    return Map.of("value", v);
  }

  /** The declaration form as the Tasklist submits it. */
  static Map<String, Object> declareForm(String reason, String related) {
    return Map.of(
        "variables",
        Map.of(
            MAJOR_DECISION, value(MAJOR_DECLARE),
            MAJOR_REASON, value(reason),
            MAJOR_RELATED, value(related)));
  }

  static Map<String, Object> reviewForm(String summary, String actions) {
    return Map.of(
        "variables", Map.of(REVIEW_SUMMARY, value(summary), REVIEW_ACTIONS, value(actions)));
  }

  void reviewInTasklist(Incident major, String userId, String summary) {
    TasklistApi.login(userId)
        .request()
        .body(reviewForm(summary, "Actions of " + summary))
        .post(
            TasklistApi.ENGINE + "/task/" + task(major, MAJOR_REVIEW_TASK).getId() + "/submit-form")
        .then()
        .statusCode(204);
  }

  /** A declared, resolved major incident waiting at its review. */
  Incident majorAwaitingReview() {
    Incident major = reportP1();
    incidentService.declareMajor(major.id(), DemoUsers.IAN, "Payments fail", List.of());
    resolveAs(DemoUsers.ADAM, major);
    assertThat(instance(major)).isWaitingAt(MAJOR_REVIEW_TASK);
    assertThat(reload(major).status()).isEqualTo(IncidentStatus.AWAITING_REVIEW);
    return major;
  }

  /** {@code POST /api/incidents/{id}/major-incident} as the integration. */
  static io.restassured.response.Response declareOverApi(
      String incidentId, String declaredBy, String reason, List<String> related) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("declaredBy", declaredBy);
    body.put("reason", reason);
    if (!related.isEmpty()) {
      body.put("relatedIncidents", related);
    }
    return asIntegration().body(body).post("/api/incidents/" + incidentId + "/major-incident");
  }

  /** {@code POST /api/incidents/{id}/major-incident/related} as the integration. */
  static io.restassured.response.Response linkOverApi(
      String majorId, String linkedBy, List<String> incidentIds) {
    return asIntegration()
        .body(Map.of("linkedBy", linkedBy, "incidentIds", incidentIds))
        .post("/api/incidents/" + majorId + "/major-incident/related");
  }

  /** An administrator's process instance modification on engine REST; its status. */
  int startBefore(String activityId, Incident incident, Map<String, Object> variables) {
    Map<String, Object> instruction = new LinkedHashMap<>();
    instruction.put("type", "startBeforeActivity");
    instruction.put("activityId", activityId);
    if (!variables.isEmpty()) {
      instruction.put("variables", variables);
    }
    return as(DemoUsers.ADMIN)
        .body(Map.of("instructions", List.of(instruction)))
        .post("/engine-rest/process-instance/" + incident.processInstanceId() + "/modification")
        .statusCode();
  }
}
