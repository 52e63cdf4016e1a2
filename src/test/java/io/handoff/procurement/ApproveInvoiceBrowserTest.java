package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.browser.TasklistBrowser;
import io.handoff.support.browser.TasklistSession;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a real browser: a department manager approves an invoice above the automatic approval limit,
 * and the requester of its purchase order, a department manager too, is refused and told why.
 */
@HandoffSpringTest
class ApproveInvoiceBrowserTest extends ProcurementTestSupport {

  @RegisterExtension final TasklistSession tasklist = new TasklistSession();

  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;

  @Test
  void requesterIsRefusedInTheTasklistAndAnotherDepartmentManagerApproves() throws Exception {
    // 60 x 100.00 = 6,000.00: a clean match above the automatic approval limit.
    createPurchaseOrder(DemoUsers.MARK, List.of(poLine(1, "A-100", "60", "100.00")));
    receive(1, "60").then().statusCode(201);
    String invoiceNumber = "INV-" + suffix;
    ProcessInstance pi =
        submitAndGetInstance(invoice(invoiceNumber, List.of(invoiceLine(1, "60", "100.00"))));
    Task approval = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(approval.getTaskDefinitionKey()).isEqualTo("ApproveInvoiceTask");

    TasklistBrowser browser = tasklist.browser();
    browser.loginToTasklist(DemoUsers.MARK);
    assertThat(browser.openFilter("Department managers")).contains("Approve invoice");
    browser.openTask(approval.getId());
    assertThat(browser.fieldValue("Requested by")).isEqualTo(DemoUsers.MARK);
    browser.clickClaim();
    List<String> errors = browser.waitForErrorNotification();
    browser.screenshot("p2p-approval-refused");
    assertThat(errors)
        .anyMatch(e -> e.contains("mark requested purchase order " + poNumber))
        .anyMatch(e -> e.contains("may not approve"));
    assertThat(taskService.createTaskQuery().taskId(approval.getId()).singleResult().getAssignee())
        .isNull();

    browser.logout();
    browser.loginToTasklist(DemoUsers.MARTHA);
    browser.openFilter("Department managers");
    browser.openTask(approval.getId());
    browser.claim();
    assertThat(browser.fieldValue("Approving group")).isEqualTo("department-managers");
    assertThat(browser.fieldValue("Invoice number")).isEqualTo(invoiceNumber);
    assertThat(browser.tableRows("Invoice lines against the purchase order and receipts"))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .containsEntry("Item", "A-100")
                    .containsEntry("Invoiced", "60")
                    .containsEntry("Result", "MATCHED"));
    browser.maximizeTaskPane();
    browser.choose("Decision", "Approve");
    browser.fill("Comment", "Checked against the order and the receipt");
    browser.screenshot("p2p-approve-invoice");
    browser.completeAndWaitUntilDone();

    // Payment is scheduled by an asynchronous job; tests run the job executor's work themselves.
    managementService.executeJob(
        managementService.createJobQuery().processInstanceId(pi.getId()).singleResult().getId());
    status(invoiceNumber)
        .then()
        .statusCode(200)
        .body("status", equalTo("SCHEDULED_FOR_PAYMENT"))
        .body(
            "approvals.decidedBy",
            contains(
                startsWith("rule:invoice-approval-matrix:"), equalTo("person:" + DemoUsers.MARTHA)))
        .body("decisions.findAll { it.kind == 'REFUSED' }", hasSize(1))
        .body(
            "decisions.find { it.kind == 'REFUSED' }.decidedBy",
            equalTo("person:" + DemoUsers.MARK));
  }
}
