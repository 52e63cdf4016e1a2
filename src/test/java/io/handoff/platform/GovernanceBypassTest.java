package io.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.procurement.InvoiceVariables;
import io.handoff.support.DemoUsers;
import io.handoff.support.EngineVariables;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.handoff.vendor.VendorRequests;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Less obvious ways around the governance controls: a requester named in another form, a variable
 * read through a query filter, a claim made for someone else, and requests for what no longer
 * exists. Each test is an attack by the person a control constrains and asserts the refusal and
 * that nothing changed.
 */
@HandoffSpringTest
class GovernanceBypassTest extends RestTestSupport {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  // ---------------------------------------------------------------------------------------------
  // Vendor onboarding: the requester of an application approves it when named by e-mail or case

  private String vendorApplicationRequestedBy(String requestedBy) {
    return asIntegration()
        .body(
            VendorRequests.withIdentity(
                VendorRequests.lowRisk(requestedBy),
                VendorRequests.freshGermanVatId(),
                VendorRequests.freshGermanIban()))
        .post("/api/vendor-applications")
        .then()
        .statusCode(201)
        .extract()
        .path("processInstanceId");
  }

  private Task waitForTask(String processInstanceId, String key) {
    return Awaitility.await("task " + key + " in " + processInstanceId)
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                taskService
                    .createTaskQuery()
                    .processInstanceId(processInstanceId)
                    .taskDefinitionKey(key)
                    .singleResult(),
            Objects::nonNull);
  }

  private void requesterApprovingOwnVendorIsRefused(String requesterAsNamed) {
    String pi = vendorApplicationRequestedBy(requesterAsNamed);
    String taskId = waitForTask(pi, "ApproveVendorTask").getId();

    // paul is the requester, and in procurement, the group that approves every new vendor.
    Response claim =
        as(DemoUsers.PAUL)
            .body(Map.of("userId", DemoUsers.PAUL))
            .post("/engine-rest/task/{id}/claim", taskId);
    Response approve =
        as(DemoUsers.PAUL)
            .body(
                Map.of(
                    "variables",
                    EngineVariables.of(
                        Map.of("approvalDecision", "APPROVED", "approvalReason", "mine"))))
            .post("/engine-rest/task/{id}/submit-form", taskId);

    String applicationId =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceId(pi)
            .singleResult()
            .getBusinessKey();
    String effect =
        "claim "
            + claim.statusCode()
            + ", approval "
            + approve.statusCode()
            + ", application "
            + asIntegration().get("/api/vendor-applications/{id}", applicationId).asString();
    assertThat(claim.statusCode()).as("requester's claim; %s", effect).isIn(403, 404);
    assertThat(approve.statusCode()).as("requester's approval; %s", effect).isIn(403, 404);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult())
        .as("the approval task is still open; %s", effect)
        .isNotNull();
  }

  /**
   * The domain API takes {@code requestedBy} as user id or e-mail (the invoice controls compare
   * both). The vendor controls do not: {@code KeepRequesterOffApprovalListener} skips any requester
   * containing "@" and {@code VendorOnboarding.recordApproval} compares the user id with equals().
   */
  @Test
  void vendorRequesterNamedByEmailIsRefusedTheirOwnApproval() {
    requesterApprovingOwnVendorIsRefused("paul@handoff.example");
  }

  /** The same with the requester's user id in another case ("PAUL"): revoke and equals() miss. */
  @Test
  void vendorRequesterNamedInUpperCaseIsRefusedTheirOwnApproval() {
    requesterApprovingOwnVendorIsRefused("PAUL");
  }

  // ---------------------------------------------------------------------------------------------
  // Variables read through a query filter: enforceSpecificVariablePermission does not cover it

  /**
   * The integrators' READ on instances is to show "their state, not their IBANs". A process
   * instance query filtering on a variable's value is an oracle for it: a prefix {@code like}
   * recovers the IBAN character by character.
   */
  @Test
  void integrationFilteringInstancesOnAnIbanValueIsRefused() {
    String iban = VendorRequests.freshGermanIban();
    String pi =
        asIntegration()
            .body(
                VendorRequests.withIdentity(
                    VendorRequests.lowRisk(DemoUsers.PAUL),
                    VendorRequests.freshGermanVatId(),
                    iban))
            .post("/api/vendor-applications")
            .then()
            .statusCode(201)
            .extract()
            .path("processInstanceId");
    // Variables are not readable directly (as promised) ...
    asIntegration().get("/engine-rest/process-instance/{id}/variables", pi).then().statusCode(403);

    // ... but a query on their value answers whether a guess is right.
    Response exact =
        asIntegration()
            .queryParam("processInstanceIds", pi)
            .queryParam("variables", "iban_eq_" + iban)
            .get("/engine-rest/process-instance");
    Response prefix =
        asIntegration()
            .queryParam("processInstanceIds", pi)
            .queryParam("variables", "iban_like_" + iban.substring(0, 8) + "%")
            .get("/engine-rest/process-instance/count");
    assertThat(exact.statusCode() == 403 || exact.jsonPath().getList("$").isEmpty())
        .as("filtering instances on the IBAN reveals it: %s", exact.asString())
        .isTrue();
    assertThat(prefix.statusCode() == 403 || prefix.jsonPath().getInt("count") == 0)
        .as("a prefix query reveals the IBAN's first characters: %s", prefix.asString())
        .isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // Claim on behalf of another user: only the assignee is checked, not the caller

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String vendorId = "V-" + suffix;
  private final String poNumber = "PO-" + suffix;

  private ProcessInstance invoiceAwaitingApproval(String requestedBy, String number) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("line", 1);
    line.put("sku", "A-100");
    line.put("description", "Item A-100");
    line.put("quantity", new BigDecimal("60"));
    line.put("unitPrice", new BigDecimal("100.00"));
    Map<String, Object> po = new LinkedHashMap<>();
    po.put("poNumber", poNumber);
    po.put("vendorId", vendorId);
    po.put("currency", "EUR");
    po.put("requestedBy", requestedBy);
    po.put("category", "office-supplies");
    po.put("lines", List.of(line));
    asIntegration().body(po).post("/api/purchase-orders").then().statusCode(201);
    asIntegration()
        .body(
            Map.of(
                "receiptId",
                "GR-" + suffix,
                "poNumber",
                poNumber,
                "lines",
                List.of(Map.of("line", 1, "quantity", new BigDecimal("60")))))
        .post("/api/goods-receipts")
        .then()
        .statusCode(201);
    Map<String, Object> invoice = new LinkedHashMap<>();
    invoice.put("vendorId", vendorId);
    invoice.put("invoiceNumber", number);
    invoice.put("invoiceDate", "2026-03-02");
    invoice.put("currency", "EUR");
    invoice.put("poNumber", poNumber);
    invoice.put("paymentTerms", "NET30");
    invoice.put(
        "lines",
        List.of(
            Map.of(
                "line",
                1,
                "quantity",
                new BigDecimal("60"),
                "unitPrice",
                new BigDecimal("100.00"))));
    invoice.put("tax", new BigDecimal("0.00"));
    invoice.put("total", new BigDecimal("6000.00"));
    asIntegration()
        .body(invoice)
        .post("/api/invoices")
        .then()
        .statusCode(anyOf(equalTo(201), equalTo(200)));
    ProcessInstance pi =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(InvoiceVariables.businessKey(vendorId, number))
            .singleResult();
    assertThat(pi).isNotNull();
    waitForTask(pi.getId(), "ApproveInvoiceTask");
    return pi;
  }

  /**
   * docs/security.md: "Claim and completion are both checked, for the caller and for the assignee".
   * On a claim only the new assignee is checked: the requester, refused his own claim, claims the
   * approval for the colleague of his choice ({@code POST /task/{id}/claim} with {@code userId} of
   * another person) and takes it out of the group's queue.
   */
  @Test
  void requesterClaimingTheApprovalForAColleagueOfHisChoiceIsRefused() {
    ProcessInstance pi = invoiceAwaitingApproval(DemoUsers.MARK, "INV-R1-" + suffix);
    String taskId = waitForTask(pi.getId(), "ApproveInvoiceTask").getId();

    Response claim =
        as(DemoUsers.MARK)
            .body(Map.of("userId", DemoUsers.MARTHA))
            .post("/engine-rest/task/{id}/claim", taskId);

    assertThat(claim.statusCode())
        .as("requester claiming for martha: %s", claim.asString())
        .isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee())
        .as("the approval stays in the group's queue")
        .isNull();
  }

  // ---------------------------------------------------------------------------------------------
  // 500 instead of 4xx

  /**
   * A task that is gone (completed by a colleague a moment earlier, or a wrong id): the form check
   * throws NotFoundException before the engine's own "Cannot find task", which the REST resource
   * wraps as 500 and the platform's mapper does not recognise.
   */
  @Test
  void completingATaskThatIsGoneAnswers404NotA500() {
    for (String action : List.of("complete", "submit-form")) {
      Response r =
          as(DemoUsers.ALICE)
              .body(Map.of("variables", EngineVariables.of(Map.of("approvalDecision", "approve"))))
              .post("/engine-rest/task/{id}/" + action, "no-such-task-" + suffix);
      assertThat(r.statusCode()).as(action + ": " + r.asString()).isEqualTo(404);
    }
  }

  /** The start form check on an unknown definition id fails inside the guard: 500, not 404. */
  @Test
  void submittingAStartFormOfAnUnknownDefinitionAnswers404NotA500() {
    Response r =
        as(DemoUsers.ERIN)
            .body(Map.of("variables", EngineVariables.of(Map.of("title", "x"))))
            .post(
                "/engine-rest/process-definition/{id}/submit-form", "no-such-definition-" + suffix);
    assertThat(r.statusCode()).as(r.asString()).isIn(400, 404);
  }
}
