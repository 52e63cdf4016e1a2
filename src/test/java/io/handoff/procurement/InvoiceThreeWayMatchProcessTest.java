package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.handoff.procurement.store.InvoiceRepository;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of invoice-three-way-match, driven through the REST API and the engine. */
@HandoffSpringTest
class InvoiceThreeWayMatchProcessTest extends ProcurementTestSupport {

  @Autowired ProcessEngine processEngine;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(processEngine);
  }

  private double completed(String path, String outcome) {
    var counter =
        meters.find(InvoiceMetrics.COMPLETED).tag("path", path).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  private void runPaymentJob(ProcessInstance pi) {
    assertThat(pi).isWaitingAt("SchedulePaymentTask");
    execute(job(pi));
  }

  private void resolveException(ProcessInstance pi, String outcome, String reason) {
    Task task = openTask(pi, "ResolveMatchExceptionTask");
    taskService.claim(task.getId(), DemoUsers.ALICE);
    taskService.complete(
        task.getId(),
        Map.of(
            InvoiceVariables.EXCEPTION_OUTCOME,
            outcome,
            InvoiceVariables.EXCEPTION_REASON,
            reason));
  }

  private void approve(ProcessInstance pi, String user, String decision, String comment) {
    Task task = openTask(pi, "ApproveInvoiceTask");
    taskService.claim(task.getId(), user);
    java.util.Map<String, Object> vars = new java.util.HashMap<>();
    vars.put(InvoiceVariables.APPROVAL_DECISION, decision);
    vars.put(InvoiceVariables.APPROVAL_COMMENT, comment);
    taskService.complete(task.getId(), vars);
  }

  private int vendorNotifications(String kind) {
    return jdbc.sql("SELECT COUNT(*) FROM vendor_notification WHERE vendor_id = ? AND kind = ?")
        .params(vendorId, kind)
        .query(Integer.class)
        .single();
  }

  private void moveClock(Duration by) {
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(by)));
  }

  private Job timer(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
  }

  /** The names of the variables the instance has stored at process scope. */
  private List<String> processVariableNames(ProcessInstance pi) {
    return runtimeService
        .createVariableInstanceQuery()
        .processInstanceIdIn(pi.getId())
        .list()
        .stream()
        .filter(v -> pi.getId().equals(v.getActivityInstanceId()))
        .map(VariableInstance::getName)
        .toList();
  }

  @Test
  void cleanInvoiceWithinLimitGoesStraightThroughWithNoUserTask() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    double before = completed("straight-through", "scheduled");

    ProcessInstance pi = submitAndGetInstance(cleanInvoice("INV-1"));

    // Nothing waits on the way, so the instance stores only the invoice's id; its facts are in
    // the invoice's own tables (and the decision ledger), read below through the API.
    assertThat(processVariableNames(pi)).containsExactly(InvoiceVariables.INVOICE_ID);
    runPaymentJob(pi);
    assertThat(pi)
        .isEnded()
        .hasPassed("MatchInvoiceLinesTask")
        .hasPassed("InvoiceScheduledEndEvent");
    assertThat(
            historyService.createHistoricTaskInstanceQuery().processInstanceId(pi.getId()).count())
        .isZero();
    List<HistoricVariableInstance> history =
        historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list();
    assertThat(
            history.stream()
                .filter(v -> pi.getId().equals(v.getActivityInstanceId()))
                .map(HistoricVariableInstance::getName))
        .containsExactly(InvoiceVariables.INVOICE_ID);
    assertThat(history.stream().map(HistoricVariableInstance::getName))
        .as("the approval matrix's answer reaches the invoice without a variable of its own")
        .containsExactlyInAnyOrder(
            InvoiceVariables.INVOICE_ID, "invoiceTotal", "category", "linesMatched");
    status("INV-1")
        .then()
        .statusCode(200)
        .body("status", equalTo("SCHEDULED_FOR_PAYMENT"))
        .body("paymentDate", equalTo(INVOICE_DATE.plusDays(30).toString()))
        .body("lines.matchResult", equalTo(List.of("MATCHED", "MATCHED")))
        .body("approvals[0].decidedBy", startsWith("rule:invoice-approval-matrix:"))
        .body("approvals[0].outcome", containsString("\"approverGroups\":\"\""));
    assertThat(completed("straight-through", "scheduled")).isEqualTo(before + 1);
  }

  @Test
  void priceVarianceAboveTwoPercentBecomesExceptionAndAcceptedVarianceNeedsApproval() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);

    ProcessInstance pi =
        submitAndGetInstance(
            invoice(
                "INV-2", List.of(invoiceLine(1, "10", "103.00"), invoiceLine(2, "5", "20.00"))));

    assertThat(pi).isWaitingAt("ResolveMatchExceptionTask");
    assertThat(task(pi)).hasCandidateGroup("accounts-payable");
    // Waiting for a person, the instance has stored every fact its form and Cockpit show.
    assertThat(processVariableNames(pi))
        .contains(
            InvoiceVariables.INVOICE_ID,
            InvoiceVariables.VENDOR_ID,
            InvoiceVariables.INVOICE_NUMBER,
            InvoiceVariables.PO_NUMBER,
            InvoiceVariables.INVOICE_TOTAL,
            InvoiceVariables.CATEGORY,
            InvoiceVariables.REQUESTED_BY,
            InvoiceVariables.LINES_MATCHED,
            InvoiceVariables.MATCH_PROBLEM,
            InvoiceVariables.LINE_SUMMARY);
    assertThat(runtimeService.getVariable(pi.getId(), InvoiceVariables.INVOICE_NUMBER))
        .isEqualTo("INV-2");
    SpinJsonNode summary =
        (SpinJsonNode) runtimeService.getVariable(pi.getId(), InvoiceVariables.LINE_SUMMARY);
    assertThat(summary.elements().get(0).prop("result").stringValue()).isEqualTo("PRICE_VARIANCE");
    assertThat(summary.elements().get(0).prop("priceVariancePercent").stringValue())
        .isEqualTo("3.00");
    assertThat(summary.elements().get(0).prop("orderedQuantity").stringValue()).isEqualTo("10");
    status("INV-2").then().body("status", equalTo("EXCEPTION"));

    resolveException(pi, "accept", "Agreed surcharge for express delivery");

    assertThat(pi).isWaitingAt("ApproveInvoiceTask");
    assertThat(task(pi)).hasCandidateGroup("department-managers");
    assertThat(runtimeService.getVariable(pi.getId(), InvoiceVariables.VARIANCE_ACCEPTED_BY))
        .isEqualTo(DemoUsers.ALICE);
    assertThat(processVariableNames(pi))
        .contains(
            InvoiceVariables.APPROVER_GROUPS,
            InvoiceVariables.APPROVAL_REASON,
            InvoiceVariables.APPROVAL_REQUIRED,
            InvoiceVariables.INVOICE_REJECTED);
    status("INV-2").then().body("status", equalTo("AWAITING_APPROVAL"));

    approve(pi, DemoUsers.MARTHA, "approve", "ok");
    runPaymentJob(pi);
    assertThat(pi).isEnded().hasPassed("InvoiceScheduledEndEvent");
    status("INV-2")
        .then()
        .body("status", equalTo("SCHEDULED_FOR_PAYMENT"))
        .body(
            "approvals.decidedBy",
            contains(startsWith("rule:invoice-approval-matrix:"), equalTo("person:martha")))
        .body(
            "decisions.find { it.kind == 'EXCEPTION_RESOLUTION' }.decidedBy",
            equalTo("person:alice"));
  }

  @Test
  void smallPriceVarianceWithinToleranceMatches() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);

    ProcessInstance pi =
        submitAndGetInstance(
            invoice(
                "INV-3", List.of(invoiceLine(1, "10", "101.50"), invoiceLine(2, "5", "20.00"))));

    runPaymentJob(pi);
    assertThat(pi).isEnded().hasPassed("InvoiceScheduledEndEvent");
  }

  @Test
  void invoiceWaitsForGoodsAndResumesWhenTheyArrive() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "4", 2, "5").then().statusCode(201);

    ProcessInstance pi = submitAndGetInstance(cleanInvoice("INV-4"));

    assertThat(pi).isWaitingAt("WaitForGoodsGateway");
    status("INV-4").then().body("status", equalTo("WAITING_FOR_GOODS"));
    // The goods receipt finds the waiting instance by its stored purchase order number.
    assertThat(processVariableNames(pi))
        .contains(
            InvoiceVariables.PO_NUMBER,
            InvoiceVariables.VENDOR_ID,
            InvoiceVariables.INVOICE_NUMBER,
            InvoiceVariables.INVOICE_TOTAL,
            InvoiceVariables.CATEGORY,
            InvoiceVariables.REQUESTED_BY,
            InvoiceVariables.GOODS_RECEIVED_IN_FULL);
    assertThat(runtimeService.getVariable(pi.getId(), InvoiceVariables.GOODS_RECEIVED_IN_FULL))
        .isEqualTo(false);

    receive(1, "6").then().statusCode(201).body("invoicesResumed", equalTo(1));

    runPaymentJob(pi);
    assertThat(pi).isEnded().hasPassed("GoodsReceivedEvent").hasPassed("InvoiceScheduledEndEvent");
  }

  @Test
  void partialReceiptKeepsWaitingAndTheWaitTimesOutIntoAnException() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(2, "5").then().statusCode(201);

    ProcessInstance pi = submitAndGetInstance(cleanInvoice("INV-5"));
    assertThat(pi).isWaitingAt("WaitForGoodsGateway");
    receive(1, "3").then().statusCode(201).body("invoicesResumed", equalTo(1));
    assertThat(pi).isWaitingAt("WaitForGoodsGateway");

    moveClock(Duration.ofDays(5).plusMinutes(1));
    managementService.executeJob(timer(pi).getId());

    assertThat(pi).hasPassed("GoodsWaitTimeoutEvent").isWaitingAt("ResolveMatchExceptionTask");
    status("INV-5")
        .then()
        .body("status", equalTo("EXCEPTION"))
        .body("lines[0].matchResult", equalTo("QUANTITY_VARIANCE"))
        .body("lines[0].receivedQuantity", equalTo(3));
  }

  @Test
  void creditNoteRequestWaitsForTheCorrectedInvoiceWhichIsMatchedAgain() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    ProcessInstance pi =
        submitAndGetInstance(
            invoice(
                "INV-6", List.of(invoiceLine(1, "10", "110.00"), invoiceLine(2, "5", "20.00"))));

    double before = completed("manual", "scheduled");
    resolveException(pi, "credit-note", "Price is 110.00, the order says 100.00");

    assertThat(pi).isWaitingAt("WaitForCorrectionGateway");
    assertThat(vendorNotifications("CREDIT_NOTE_REQUESTED")).isEqualTo(1);
    assertThat(runtimeService.getVariable(pi.getId(), InvoiceVariables.EXCEPTION_OUTCOME)).isNull();

    Map<String, Object> corrected = cleanInvoice("INV-6");
    corrected.remove("vendorId");
    corrected.remove("invoiceNumber");
    corrected.remove("currency");
    corrected.remove("poNumber");
    corrected.remove("paymentTerms");
    asIntegration()
        .body(corrected)
        .post("/api/invoices/{v}/{n}/correction", vendorId, "INV-6")
        .then()
        .statusCode(200);

    assertThat(pi).hasPassed("CorrectedInvoiceReceivedEvent").isWaitingAt("SchedulePaymentTask");
    execute(job(pi));
    assertThat(pi).isEnded().hasPassed("InvoiceScheduledEndEvent");
    // A person asked for the credit note: not straight-through, though no approval was needed.
    assertThat(completed("manual", "scheduled")).isEqualTo(before + 1);
  }

  @Test
  void creditNoteNeverArrivingRejectsTheInvoiceAfterFourteenDays() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    ProcessInstance pi =
        submitAndGetInstance(
            invoice(
                "INV-7", List.of(invoiceLine(1, "10", "110.00"), invoiceLine(2, "5", "20.00"))));
    resolveException(pi, "credit-note", "Price differs from the order");

    moveClock(Duration.ofDays(14).plusMinutes(1));
    managementService.executeJob(timer(pi).getId());

    assertThat(pi)
        .isEnded()
        .hasPassed("CorrectionTimeoutEvent")
        .hasPassed("InvoiceRejectedEndEvent");
    assertThat(vendorNotifications("INVOICE_REJECTED")).isEqualTo(1);
    status("INV-7").then().body("status", equalTo("REJECTED"));
  }

  @Test
  void rejectedExceptionNotifiesTheVendorAndEndsRejected() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    double before = completed("manual", "rejected");
    ProcessInstance pi =
        submitAndGetInstance(
            invoice(
                "INV-8", List.of(invoiceLine(1, "10", "150.00"), invoiceLine(2, "5", "20.00"))));

    resolveException(pi, "reject", "Prices were never agreed");

    assertThat(pi).isEnded().hasPassed("InvoiceRejectedEndEvent");
    assertThat(vendorNotifications("INVOICE_REJECTED")).isEqualTo(1);
    status("INV-8").then().body("status", equalTo("REJECTED"));
    assertThat(completed("manual", "rejected")).isEqualTo(before + 1);
  }

  @Test
  void unknownPurchaseOrderBecomesAnException() {
    ProcessInstance pi = submitAndGetInstance(cleanInvoice("INV-9"));

    assertThat(pi).hasPassed("PurchaseOrderProblemEvent").isWaitingAt("ResolveMatchExceptionTask");
    assertThat(runtimeService.getVariable(pi.getId(), InvoiceVariables.MATCH_PROBLEM))
        .isEqualTo("Purchase order " + poNumber + " is unknown.");
    status("INV-9").then().body("status", equalTo("EXCEPTION"));
  }

  @Test
  void exceptionLeftOpenForTwoDaysRaisesItsPriority() {
    // No purchase order: an exception straight away.
    ProcessInstance pi = submitAndGetInstance(cleanInvoice("INV-10"));
    assertThat(pi).isWaitingAt("ResolveMatchExceptionTask");

    moveClock(Duration.ofDays(2).plusMinutes(1));
    managementService.executeJob(timer(pi).getId());

    assertThat(pi).hasPassed("ExceptionEscalatedEndEvent").isWaitingAt("ResolveMatchExceptionTask");
    assertThat(openTask(pi, "ResolveMatchExceptionTask").getPriority()).isEqualTo(80);
  }

  @Test
  void mismatchesAreNeverResolvedWithoutAReason() {
    // No purchase order: an exception straight away.
    ProcessInstance pi = submitAndGetInstance(cleanInvoice("INV-11"));
    Task task = openTask(pi, "ResolveMatchExceptionTask");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                taskService.complete(
                    task.getId(), Map.of(InvoiceVariables.EXCEPTION_OUTCOME, "accept")))
        .hasMessageContaining("A reason is required");
    assertThat(pi).isWaitingAt("ResolveMatchExceptionTask");
  }

  @Test
  void repeatedInvoiceStartsNoSecondInstanceAndADifferentOneUnderTheSameNumberIsRefused() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    Map<String, Object> invoice = cleanInvoice("INV-12");
    String first = submit(invoice).then().statusCode(201).extract().path("processInstanceId");

    String again = submit(invoice).then().statusCode(200).extract().path("processInstanceId");
    Map<String, Object> different = cleanInvoice("INV-12");
    different.put("invoiceDate", INVOICE_DATE.plusDays(1).toString());
    submit(different).then().statusCode(409);

    assertThat(again).isEqualTo(first);
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(InvoiceVariables.businessKey(vendorId, "INV-12"))
                .count())
        .isEqualTo(1);
  }

  /** 60 x 100.00 = 6,000.00: clean, but above the automatic approval limit. */
  private Map<String, Object> invoiceOf(String number, String quantity) {
    return invoice(number, List.of(invoiceLine(1, quantity, "100.00")));
  }

  @Test
  void requesterOfThePurchaseOrderCannotClaimOrApproveItsInvoice() {
    createPurchaseOrder(DemoUsers.MARK, List.of(poLine(1, "A-100", "60", "100.00")));
    receive(1, "60").then().statusCode(201);
    ProcessInstance pi = submitAndGetInstance(invoiceOf("INV-13", "60"));
    assertThat(pi).isWaitingAt("ApproveInvoiceTask");
    String taskId = openTask(pi, "ApproveInvoiceTask").getId();

    as(DemoUsers.MARK)
        .body(Map.of("userId", DemoUsers.MARK))
        .post("/engine-rest/task/{id}/claim", taskId)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("message", containsString("mark requested purchase order " + poNumber));
    as(DemoUsers.MARK)
        .body(
            Map.of(
                "variables",
                Map.of(
                    "approvalDecision", Map.of("value", "approve"),
                    "approvalComment", Map.of("value", "fine"))))
        .post("/engine-rest/task/{id}/submit-form", taskId)
        .then()
        .statusCode(403)
        .body("message", containsString("may not approve"));

    assertThat(openTask(pi, "ApproveInvoiceTask").getAssignee()).isNull();
    status("INV-13")
        .then()
        .body("decisions.findAll { it.kind == 'REFUSED' }", hasSize(2))
        .body("decisions.find { it.kind == 'REFUSED' }.decidedBy", equalTo("person:mark"));

    as(DemoUsers.MARTHA)
        .body(Map.of("userId", DemoUsers.MARTHA))
        .post("/engine-rest/task/{id}/claim", taskId)
        .then()
        .statusCode(204);
    as(DemoUsers.MARTHA)
        .body(
            Map.of(
                "variables",
                Map.of(
                    "approvalDecision", Map.of("value", "approve"),
                    "approvalComment", Map.of("value", "Checked against the order"))))
        .post("/engine-rest/task/{id}/submit-form", taskId)
        .then()
        .statusCode(204);
    runPaymentJob(pi);
    assertThat(pi).isEnded().hasPassed("InvoiceScheduledEndEvent");
  }

  @Test
  void invoiceUpToFiftyThousandNeedsOnlyADepartmentManager() {
    createPurchaseOrder(DemoUsers.PAUL, List.of(poLine(1, "A-100", "60", "100.00")));
    receive(1, "60").then().statusCode(201);
    ProcessInstance pi = submitAndGetInstance(invoiceOf("INV-14", "60"));

    assertThat(task(pi)).hasCandidateGroup("department-managers");
    // a clean invoice that waits for the first time at approval: its facts are process variables,
    // not the approval matrix's inputs of the same names, which end with that step
    assertThat(runtimeService.getVariables(pi.getId()))
        .containsEntry(InvoiceVariables.INVOICE_TOTAL, "6000.00 EUR")
        .containsEntry(InvoiceVariables.LINES_MATCHED, true)
        .containsKeys(InvoiceVariables.CATEGORY, InvoiceVariables.PO_NUMBER);
    approve(pi, DemoUsers.MARTHA, "approve", null);

    runPaymentJob(pi);
    assertThat(pi).isEnded();
  }

  @Test
  void invoiceAboveFiftyThousandNeedsADepartmentManagerThenAFinanceDirector() {
    createPurchaseOrder(DemoUsers.PAUL, List.of(poLine(1, "A-100", "600", "100.00")));
    receive(1, "600").then().statusCode(201);
    double before = completed("manual", "scheduled");
    ProcessInstance pi = submitAndGetInstance(invoiceOf("INV-15", "600"));

    assertThat(task(pi)).hasCandidateGroup("department-managers");
    approve(pi, DemoUsers.MARTHA, "approve", "Budget confirmed");
    assertThat(pi).isWaitingAt("ApproveInvoiceTask");
    assertThat(task(pi)).hasCandidateGroup("finance-directors");
    approve(pi, DemoUsers.FIONA, "approve", "Approved");

    runPaymentJob(pi);
    assertThat(pi).isEnded().hasPassed("InvoiceScheduledEndEvent");
    status("INV-15")
        .then()
        .body(
            "approvals.decidedBy",
            contains(
                startsWith("rule:invoice-approval-matrix:"),
                equalTo("person:martha"),
                equalTo("person:fiona")));
    assertThat(completed("manual", "scheduled")).isEqualTo(before + 1);
  }

  @Test
  void departmentManagerRejectionEndsTheInvoiceWithoutAskingFinance() {
    createPurchaseOrder(DemoUsers.PAUL, List.of(poLine(1, "A-100", "600", "100.00")));
    receive(1, "600").then().statusCode(201);
    ProcessInstance pi = submitAndGetInstance(invoiceOf("INV-16", "600"));

    approve(pi, DemoUsers.MARTHA, "reject", "Not our cost centre");

    assertThat(pi).isEnded().hasPassed("InvoiceRejectedEndEvent");
    assertThat(
            historyService
                .createHistoricTaskInstanceQuery()
                .processInstanceId(pi.getId())
                .taskDefinitionKey("ApproveInvoiceTask")
                .count())
        .isEqualTo(1);
    assertThat(vendorNotifications("INVOICE_REJECTED")).isEqualTo(1);
  }

  @Test
  void paymentIsScheduledOnlyOnceEvenWhenSchedulingRunsTwice() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    ProcessInstance pi = submitAndGetInstance(cleanInvoice("INV-17"));
    runPaymentJob(pi);
    String invoiceId =
        jdbc.sql("SELECT invoice_id FROM invoice WHERE vendor_id = ? AND invoice_number = ?")
            .params(vendorId, "INV-17")
            .query(String.class)
            .single();

    InvoiceRepository invoices = new InvoiceRepository(jdbc);
    boolean scheduledAgain =
        invoices.schedulePayment(
            invoiceId,
            new InvoiceRepository.Payment(
                new java.math.BigDecimal("1100.00"), "EUR", INVOICE_DATE.plusDays(30)));

    assertThat(scheduledAgain).isFalse();
    assertThat(invoices.countPayments(invoiceId)).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                jdbc.sql(
                        "INSERT INTO invoice_payment (payment_id, invoice_id, amount, currency,"
                            + " payment_date, scheduled_at) VALUES ('x-"
                            + suffix
                            + "', ?, 1, 'EUR', DATE '2026-04-01', TIMESTAMP '2026-03-02 00:00:00')")
                    .param(invoiceId)
                    .update())
        .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
  }

  @Test
  void whoeverAcceptedTheVarianceCannotApproveTheInvoice() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    ProcessInstance pi =
        submitAndGetInstance(
            invoice(
                "INV-18", List.of(invoiceLine(1, "10", "103.00"), invoiceLine(2, "5", "20.00"))));
    // A department manager who also works the exception task accepts the variance.
    Task exception = openTask(pi, "ResolveMatchExceptionTask");
    taskService.claim(exception.getId(), DemoUsers.MARTHA);
    taskService.complete(
        exception.getId(),
        Map.of(
            InvoiceVariables.EXCEPTION_OUTCOME,
            "accept",
            InvoiceVariables.EXCEPTION_REASON,
            "Surcharge agreed by phone"));
    String taskId = openTask(pi, "ApproveInvoiceTask").getId();

    as(DemoUsers.MARTHA)
        .body(Map.of("userId", DemoUsers.MARTHA))
        .post("/engine-rest/task/{id}/claim", taskId)
        .then()
        .statusCode(403)
        .body("message", containsString("martha accepted the variance on this invoice"));

    as(DemoUsers.MARK)
        .body(Map.of("userId", DemoUsers.MARK))
        .post("/engine-rest/task/{id}/claim", taskId)
        .then()
        .statusCode(204);
    assertThat(openTask(pi, "ApproveInvoiceTask").getAssignee()).isEqualTo(DemoUsers.MARK);
  }

  @Test
  void exceptionTaskOpensItsDeployedFormForAccountsPayable() {
    ProcessInstance pi = submitAndGetInstance(cleanInvoice("INV-19"));
    String taskId = openTask(pi, "ResolveMatchExceptionTask").getId();

    as(DemoUsers.ALICE)
        .get("/engine-rest/task/{id}/deployed-form", taskId)
        .then()
        .statusCode(200)
        .body("id", equalTo("resolve-match-exception"))
        .body("components.find { it.type == 'table' }.dataSource", equalTo("=lineSummary"));
    as(DemoUsers.ALICE)
        .get("/engine-rest/task/{id}/form-variables", taskId)
        .then()
        .statusCode(200)
        .body("lineSummary.type", equalTo("Json"))
        .body("matchProblem.value", containsString("is unknown"));
  }
}
