package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.browser.TasklistBrowser;
import io.handoff.support.browser.TasklistSession;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * In a real browser: accounts payable resolves a price-variance exception in the Tasklist, reading
 * each line's figures from the deployed Camunda Form.
 */
@HandoffSpringTest
class ResolveMatchExceptionBrowserTest extends ProcurementTestSupport {

  @RegisterExtension final TasklistSession tasklist = new TasklistSession();

  @Autowired TaskService taskService;

  @Test
  void accountsPayableAcceptsAPriceVarianceWithAReasonInTheTasklistForm() throws Exception {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    String invoiceNumber = "INV-" + suffix;
    ProcessInstance pi =
        submitAndGetInstance(
            invoice(
                invoiceNumber,
                List.of(invoiceLine(1, "10", "103.00"), invoiceLine(2, "5", "20.00"))));
    String taskId =
        taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();

    TasklistBrowser browser = tasklist.browser();
    browser.loginToTasklist(DemoUsers.ALICE);
    List<String> tasks = browser.openFilter("Accounts payable");
    assertThat(tasks)
        .contains("Resolve match exception")
        .doesNotContain("Approve invoice", "Triage incident", "Resolve incident");
    browser.openTask(taskId);
    assertThat(browser.openTaskName()).isEqualTo("Resolve match exception");
    browser.claim();

    assertThat(browser.fieldValue("Vendor")).isEqualTo(vendorId);
    assertThat(browser.fieldValue("Invoice number")).isEqualTo(invoiceNumber);
    assertThat(browser.fieldValue("Purchase order")).isEqualTo(poNumber);
    assertThat(browser.fieldValue("What does not match"))
        .contains("Line 1")
        .contains("more than 2 %");
    List<Map<String, String>> lines =
        browser.tableRows("Invoice lines against the purchase order and receipts");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .containsEntry("Line", "1")
        .containsEntry("Item", "A-100")
        .containsEntry("Ordered", "10")
        .containsEntry("Received", "10")
        .containsEntry("Invoiced", "10")
        .containsEntry("Order price", "100.00")
        .containsEntry("Invoiced price", "103.00")
        .containsEntry("Variance %", "3.00")
        .containsEntry("Variance amount", "30.00")
        .containsEntry("Result", "PRICE_VARIANCE");
    assertThat(lines.get(1))
        .containsEntry("Item", "B-200")
        .containsEntry("Variance %", "0.00")
        .containsEntry("Result", "MATCHED");

    browser.maximizeTaskPane();
    browser.choose("Outcome", "Accept the variance");
    String reason = "Surcharge for express delivery agreed with purchasing";
    browser.fill("Reason", reason);
    browser.screenshot("p2p-resolve-match-exception");
    browser.completeAndWaitUntilDone();

    status(invoiceNumber)
        .then()
        .statusCode(200)
        .body("status", equalTo("AWAITING_APPROVAL"))
        .body(
            "decisions.find { it.kind == 'EXCEPTION_RESOLUTION' }.decidedBy",
            equalTo("person:" + DemoUsers.ALICE))
        .body("decisions.find { it.kind == 'EXCEPTION_RESOLUTION' }.reason", equalTo(reason));
  }
}
