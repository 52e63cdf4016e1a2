package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The business rule task "Determine approvers" hands the matrix's answer to its end listener in the
 * engine's own transient task variable: a route handed to the process in advance, as a start field
 * or written over the engine's API (as {@code approvalRoute} or {@code decisionResult}), changes
 * neither the route nor who approves.
 */
@HandoffSpringTest
class InvoiceApprovalRouteTamperingTest extends ProcurementTestSupport {

  @Autowired ProcessEngine processEngine;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(processEngine);
  }

  private static Map<String, Object> automaticRoute() {
    return Map.of(
        "value",
        "{\"approverGroups\":\"\",\"approvalReason\":\"automatic\"}",
        "type",
        "Object",
        "valueInfo",
        Map.of(
            "objectTypeName",
            "java.util.LinkedHashMap",
            "serializationDataFormat",
            "application/json"));
  }

  @Test
  void aRouteWrittenOverEngineRestBeforeTheMatrixRunsIsReplacedByTheMatrixAnswer() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    ProcessInstance pi =
        submitAndGetInstance(
            invoice(
                "INV-RT1", List.of(invoiceLine(1, "10", "105.00"), invoiceLine(2, "5", "20.00"))));
    assertThat(pi).isWaitingAt("ResolveMatchExceptionTask");

    // integrators may not write variables at all; an administrator may, and it changes nothing
    asIntegration()
        .body(automaticRoute())
        .put("/engine-rest/process-instance/{id}/variables/approvalRoute", pi.getId())
        .then()
        .statusCode(403);
    as(DemoUsers.ADMIN)
        .body(automaticRoute())
        .put("/engine-rest/process-instance/{id}/variables/approvalRoute", pi.getId())
        .then()
        .statusCode(204);
    // nor does a variable named like the one in which the engine hands the matrix's answer over
    as(DemoUsers.ADMIN)
        .body(automaticRoute())
        .put("/engine-rest/process-instance/{id}/variables/decisionResult", pi.getId())
        .then()
        .statusCode(204);
    as(DemoUsers.ADMIN)
        .body(
            Map.of(
                "modifications",
                Map.of(
                    "approverGroups", Map.of("value", "", "type", "String"),
                    "approvalRequired", Map.of("value", false, "type", "Boolean"),
                    "linesMatched", Map.of("value", true, "type", "Boolean"))))
        .post("/engine-rest/process-instance/{id}/variables", pi.getId())
        .then()
        .statusCode(204);

    Task exception = openTask(pi, "ResolveMatchExceptionTask");
    taskService.claim(exception.getId(), DemoUsers.ALICE);
    taskService.complete(
        exception.getId(),
        Map.of(
            InvoiceVariables.EXCEPTION_OUTCOME,
            InvoiceVariables.OUTCOME_ACCEPT,
            InvoiceVariables.EXCEPTION_REASON,
            "agreed with the vendor"));

    // an accepted variance needs a department manager, whatever the variables said
    assertThat(pi).isWaitingAt("ApproveInvoiceTask");
    assertThat(openTask(pi, "ApproveInvoiceTask")).hasCandidateGroup("department-managers");
    status("INV-RT1").then().statusCode(200).body("status", equalTo("AWAITING_APPROVAL"));
    assertThat(runtimeService.getVariables(pi.getId()))
        .as("the route variables are the matrix's; what the administrator wrote was not read")
        .containsEntry("approverGroups", "department-managers")
        .containsEntry("approvalRequired", true);
    JsonPath trail =
        as(DemoUsers.AUDREY)
            .get(
                "/api/processes/invoice-three-way-match/business-keys/{bk}/decisions",
                InvoiceVariables.businessKey(vendorId, "INV-RT1"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(
            trail.getString(
                "decisions.find { it.decision == 'invoice-approval-matrix' }"
                    + ".outcome.approverGroups"))
        .isEqualTo("department-managers");
    assertThat(payments()).isZero();
  }

  @Test
  void aRouteGivenWithTheInvoiceIsRefusedAndNothingStarts() {
    createPurchaseOrder(DemoUsers.PAUL);
    Map<String, Object> invoice = new java.util.LinkedHashMap<>(cleanInvoice("INV-RT2"));
    invoice.put("approvalRoute", Map.of("approverGroups", "", "approvalReason", "automatic"));
    submit(invoice)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("approvalRoute"));
    status("INV-RT2").then().statusCode(404);
    assertThat(instance("INV-RT2")).isNull();

    // nor can an integrator start the process over engine REST with a route of its own
    asIntegration()
        .body(Map.of("variables", Map.of("approvalRoute", automaticRoute())))
        .post("/engine-rest/process-definition/key/invoice-three-way-match/start")
        .then()
        .statusCode(403);
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(InvoiceVariables.businessKey(vendorId, "INV-RT2"))
                .count())
        .isZero();
  }

  private long payments() {
    return runtimeService
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(InvoiceVariables.businessKey(vendorId, "INV-RT1"))
        .activityIdIn("SchedulePaymentTask")
        .count();
  }
}
