package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the REST API says about an invoice waiting for a credit note, and where a goods receipt can
 * be read after it is recorded.
 */
@HandoffSpringTest
class CreditNoteAndGoodsReceiptApiTest extends ProcurementTestSupport {

  @Autowired ProcessEngine processEngine;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(processEngine);
  }

  private ProcessInstance exceptionInvoice(String invoiceNumber) {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    // line 1 five percent over the ordered price: an exception for accounts payable
    ProcessInstance pi =
        submitAndGetInstance(
            invoice(
                invoiceNumber,
                List.of(invoiceLine(1, "10", "105.00"), invoiceLine(2, "5", "20.00"))));
    assertThat(pi).isWaitingAt("ResolveMatchExceptionTask");
    return pi;
  }

  private void requestCreditNote(ProcessInstance pi) {
    Task task = openTask(pi, "ResolveMatchExceptionTask");
    taskService.claim(task.getId(), DemoUsers.ALICE);
    taskService.complete(
        task.getId(),
        Map.of(
            InvoiceVariables.EXCEPTION_OUTCOME,
            InvoiceVariables.OUTCOME_CREDIT_NOTE,
            InvoiceVariables.EXCEPTION_REASON,
            "price above the order"));
  }

  @Test
  void anInvoiceWaitingForACreditNoteSaysSoInItsViewAndTheListFiltersByIt() {
    ProcessInstance pi = exceptionInvoice("INV-CN1");
    status("INV-CN1").then().statusCode(200).body("status", equalTo("EXCEPTION"));

    requestCreditNote(pi);

    assertThat(pi).isWaitingAt("WaitForCorrectionGateway");
    status("INV-CN1").then().statusCode(200).body("status", equalTo("AWAITING_CREDIT_NOTE"));
    asIntegration()
        .queryParam("vendorId", vendorId)
        .queryParam("status", "AWAITING_CREDIT_NOTE")
        .get("/api/invoices")
        .then()
        .statusCode(200)
        .body("items.invoiceNumber", equalTo(List.of("INV-CN1")))
        .body("items[0].status", equalTo("AWAITING_CREDIT_NOTE"));
    asIntegration()
        .queryParam("vendorId", vendorId)
        .queryParam("status", "EXCEPTION")
        .get("/api/invoices")
        .then()
        .statusCode(200)
        .body("items.invoiceNumber", not(hasItem("INV-CN1")));
  }

  @Test
  void theOpenApiDocumentListsTheWaitingStatusesAmongTheFilterValues() {
    JsonPath doc = asIntegration().get("/v3/api-docs").then().statusCode(200).extract().jsonPath();
    assertThat(
            doc.getList(
                "paths.'/api/invoices'.get.parameters.find { it.name == 'status' }"
                    + ".schema.items.enum",
                String.class))
        .contains("EXCEPTION", "AWAITING_CREDIT_NOTE", "AWAITING_APPROVAL");
    assertThat(
            doc.getList(
                "paths.'/api/vendor-applications'.get.parameters.find { it.name == 'status' }"
                    + ".schema.items.enum",
                String.class))
        .contains("AWAITING_SANCTIONS_REVIEW", "AWAITING_CONTRACT_REVIEW", "AWAITING_APPROVAL");
  }

  @Test
  void aRecordedGoodsReceiptAnswers201WithItsPathFromTheRootAndCanBeReadThere() {
    createPurchaseOrder(DemoUsers.PAUL);
    String receiptId = "GR-" + UUID.randomUUID().toString().substring(0, 8);
    String location =
        asIntegration()
            .body(receipt(receiptId, 1, "4", 2, "5"))
            .post("/api/goods-receipts")
            .then()
            .statusCode(201)
            .header("Location", equalTo("/api/goods-receipts/" + receiptId))
            .body("receiptId", equalTo(receiptId))
            .extract()
            .header("Location");

    asIntegration()
        .get(location)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("receiptId", equalTo(receiptId))
        .body("poNumber", equalTo(poNumber))
        .body("lines.line", equalTo(List.of(1, 2)))
        .body("lines[0].quantity", equalTo(4.0f))
        .body("lines[1].quantity", equalTo(5.0f));

    // the identical receipt again: 200 with the same Location, nothing recorded twice
    asIntegration()
        .body(receipt(receiptId, 1, "4", 2, "5"))
        .post("/api/goods-receipts")
        .then()
        .statusCode(200)
        .header("Location", equalTo(location));
    JsonPath orders =
        asIntegration()
            .queryParam("vendorId", vendorId)
            .get("/api/purchase-orders")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(orders.getDouble("items[0].lines[0].receivedQuantity")).isEqualTo(4);
  }

  @Test
  void anUnknownGoodsReceiptIs404ProblemJson() {
    asIntegration()
        .get("/api/goods-receipts/{id}", "GR-nope-" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(DemoUsers.ALICE).get("/api/goods-receipts/{id}", "GR-any").then().statusCode(403);
  }
}
