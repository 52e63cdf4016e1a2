package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.handoff.support.DemoUsers;
import io.handoff.support.EngineVariables;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.TasklistApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The invoice controls attacked the way the people they constrain would: the requester, the clerk
 * who accepted a variance, the technical user and a manager in two approving groups, through engine
 * REST and the Tasklist's own API. Each test asserts the refusal and that nothing changed: no
 * payment, the instance where it was, the variables as before, the refusal in the audit trail.
 */
@HandoffSpringTest
class InvoiceControlsAttackTest extends ProcurementTestSupport {

  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired JdbcClient jdbc;

  private final List<String> createdUsers = new ArrayList<>();

  @AfterEach
  void removeCreatedUsers() {
    createdUsers.forEach(identityService::deleteUser);
  }

  private int payments(String invoiceNumber) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM invoice_payment p JOIN invoice i ON i.invoice_id = p.invoice_id"
                + " WHERE i.vendor_id = ? AND i.invoice_number = ?")
        .params(vendorId, invoiceNumber)
        .query(Integer.class)
        .single();
  }

  /** 60 x 100.00 = 6,000.00, received in full: clean, but a department manager must approve. */
  private ProcessInstance invoiceAwaitingApproval(String requestedBy, String number) {
    createPurchaseOrder(requestedBy, List.of(poLine(1, "A-100", "60", "100.00")));
    receive(1, "60").then().statusCode(201);
    ProcessInstance pi =
        submitAndGetInstance(invoice(number, List.of(invoiceLine(1, "60", "100.00"))));
    assertThat(pi).isWaitingAt("ApproveInvoiceTask");
    return pi;
  }

  private static Map<String, Object> approval() {
    return Map.of("approvalDecision", "approve", "approvalComment", "fine");
  }

  private void runJobs(ProcessInstance pi) {
    for (Job job : managementService.createJobQuery().processInstanceId(pi.getId()).list()) {
      try {
        managementService.executeJob(job.getId());
      } catch (RuntimeException failed) {
        // a failing job keeps its retries and its exception; the test asserts on them
      }
    }
  }

  @Test
  void requesterRewritingRequestedByOnSubmitIsRefusedAndNothingIsPaid() {
    ProcessInstance pi = invoiceAwaitingApproval(DemoUsers.MARK, "INV-A1");
    String taskId = openTask(pi, "ApproveInvoiceTask").getId();
    Map<String, Object> rewritten = new java.util.LinkedHashMap<>(approval());
    rewritten.put("requestedBy", "nobody");
    rewritten.put("varianceAcceptedBy", "nobody");

    // Engine REST, submit-form, complete and resolve: the extra fields are named, nothing is
    // written.
    for (String action : List.of("submit-form", "complete", "resolve")) {
      as(DemoUsers.MARK)
          .body(Map.of("variables", EngineVariables.of(rewritten)))
          .post("/engine-rest/task/{id}/" + action, taskId)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItems("requestedBy", "varianceAcceptedBy"));
    }
    // The Tasklist's own API with mark's session and CSRF token.
    TasklistApi.login(DemoUsers.MARK)
        .submitForm(taskId, rewritten)
        .then()
        .statusCode(400)
        .body("message", containsString("requestedBy"));
    // Sent as the form has it, the control reads the requester from the purchase order.
    as(DemoUsers.MARK)
        .body(Map.of("variables", EngineVariables.of(approval())))
        .post("/engine-rest/task/{id}/submit-form", taskId)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("detail", containsString("mark requested purchase order " + poNumber));

    assertThat(pi).isWaitingAt("ApproveInvoiceTask");
    assertThat(openTask(pi, "ApproveInvoiceTask").getAssignee()).isNull();
    assertThat(runtimeService.getVariable(pi.getId(), "requestedBy")).isEqualTo(DemoUsers.MARK);
    assertThat(runtimeService.getVariable(pi.getId(), "varianceAcceptedBy")).isNull();
    assertThat(payments("INV-A1")).isZero();
    status("INV-A1")
        .then()
        .body("status", equalTo("AWAITING_APPROVAL"))
        .body("decisions.findAll { it.kind == 'REFUSED' }.decidedBy", hasItem("person:mark"));
  }

  @Test
  void rejectionWithoutAReasonIs400NamingTheCommentOnEngineRestAndTheTasklist() {
    ProcessInstance pi = invoiceAwaitingApproval(DemoUsers.PAUL, "INV-A0");
    String taskId = openTask(pi, "ApproveInvoiceTask").getId();
    as(DemoUsers.MARTHA)
        .body(Map.of("userId", DemoUsers.MARTHA))
        .post("/engine-rest/task/{id}/claim", taskId)
        .then()
        .statusCode(204);
    Map<String, Object> blank = Map.of("approvalDecision", "reject", "approvalComment", "  ");
    Map<String, Object> none = Map.of("approvalDecision", "reject");
    String variablesBefore = runtimeService.getVariables(pi.getId()).toString();

    for (Map<String, Object> rejection : List.of(blank, none)) {
      for (String action : List.of("submit-form", "complete")) {
        as(DemoUsers.MARTHA)
            .body(Map.of("variables", EngineVariables.of(rejection)))
            .post("/engine-rest/task/{id}/" + action, taskId)
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .body("type", equalTo("urn:handoff:problem:invalid-request"))
            .body("errors.field", org.hamcrest.Matchers.contains("approvalComment"))
            .body("errors[0].message", containsString("required to reject"));
      }
      TasklistApi.login(DemoUsers.MARTHA)
          .submitForm(taskId, rejection)
          .then()
          .statusCode(400)
          .body("message", containsString("approvalComment"));
    }
    as(DemoUsers.MARTHA)
        .body(Map.of("variables", EngineVariables.of(Map.of("approvalDecision", "maybe"))))
        .post("/engine-rest/task/{id}/complete", taskId)
        .then()
        .statusCode(400)
        .body("errors.field", org.hamcrest.Matchers.contains("approvalDecision"));

    // Nothing changed: the task is open and Martha's, nothing decided, nothing written.
    assertThat(pi).isWaitingAt("ApproveInvoiceTask");
    assertThat(openTask(pi, "ApproveInvoiceTask").getId()).isEqualTo(taskId);
    assertThat(openTask(pi, "ApproveInvoiceTask").getAssignee()).isEqualTo(DemoUsers.MARTHA);
    assertThat(runtimeService.getVariables(pi.getId()).toString()).isEqualTo(variablesBefore);
    status("INV-A0")
        .then()
        .body("status", equalTo("AWAITING_APPROVAL"))
        .body(
            "decisions.findAll { it.outcome == 'rejected' || it.outcome == 'approved' }",
            org.hamcrest.Matchers.empty());

    // With the reason, the same rejection goes through.
    TasklistApi.login(DemoUsers.MARTHA)
        .submitForm(
            taskId, Map.of("approvalDecision", "reject", "approvalComment", "Not our cost centre"))
        .then()
        .statusCode(204);
    status("INV-A0").then().body("status", equalTo("REJECTED"));
  }

  @Test
  void requesterIsRefusedTheClaimWith403OnEngineRestAndTheTasklist() {
    ProcessInstance pi = invoiceAwaitingApproval(DemoUsers.MARK, "INV-A2");
    String taskId = openTask(pi, "ApproveInvoiceTask").getId();

    as(DemoUsers.MARK)
        .body(Map.of("userId", DemoUsers.MARK))
        .post("/engine-rest/task/{id}/claim", taskId)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:handoff:problem:segregation-of-duties"))
        .body("detail", containsString("mark requested purchase order"));
    TasklistApi.login(DemoUsers.MARK)
        .claim(taskId, DemoUsers.MARK)
        .then()
        .statusCode(403)
        .body("message", containsString("mark requested purchase order"));

    assertThat(openTask(pi, "ApproveInvoiceTask").getAssignee()).isNull();
    assertThat(payments("INV-A2")).isZero();
  }

  @Test
  void requesterNamedByEmailOnThePurchaseOrderIsStillTheRequester() {
    User mark = identityService.createUserQuery().userId(DemoUsers.MARK).singleResult();
    ProcessInstance pi = invoiceAwaitingApproval(mark.getEmail().toUpperCase(), "INV-A3");
    String taskId = openTask(pi, "ApproveInvoiceTask").getId();

    as(DemoUsers.MARK)
        .body(Map.of("userId", DemoUsers.MARK))
        .post("/engine-rest/task/{id}/claim", taskId)
        .then()
        .statusCode(403)
        .body("detail", containsString("requested purchase order"));
    assertThat(openTask(pi, "ApproveInvoiceTask").getAssignee()).isNull();
  }

  @Test
  void clerkAcceptingAVarianceWithLinesMatchedAddedIsRefusedAndTheInvoiceStillNeedsAnApprover() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    // 3 % above the order price: an exception, 1,130.00 is under the automatic approval limit.
    ProcessInstance pi =
        submitAndGetInstance(
            invoice(
                "INV-A4", List.of(invoiceLine(1, "10", "103.00"), invoiceLine(2, "5", "20.00"))));
    assertThat(pi).isWaitingAt("ResolveMatchExceptionTask");
    String taskId = openTask(pi, "ResolveMatchExceptionTask").getId();
    Map<String, Object> accept =
        Map.of("exceptionOutcome", "accept", "exceptionReason", "Surcharge agreed by phone");
    Map<String, Object> withLinesMatched = new java.util.LinkedHashMap<>(accept);
    withLinesMatched.put("linesMatched", true);
    withLinesMatched.put("approvalRequired", false);
    // and the names the approval matrix's answer went by: the end listener reads the engine's own
    withLinesMatched.put("decisionResult", "automatic");
    withLinesMatched.put("approvalRoute", "automatic");

    as(DemoUsers.ALICE)
        .body(Map.of("variables", EngineVariables.of(withLinesMatched)))
        .post("/engine-rest/task/{id}/complete", taskId)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "errors.field",
            hasItems("linesMatched", "approvalRequired", "decisionResult", "approvalRoute"));
    TasklistApi.login(DemoUsers.ALICE)
        .submitForm(taskId, withLinesMatched)
        .then()
        .statusCode(400)
        .body("message", containsString("linesMatched"));
    assertThat(pi).isWaitingAt("ResolveMatchExceptionTask");
    assertThat(runtimeService.getVariable(pi.getId(), "linesMatched")).isEqualTo(false);
    assertThat(runtimeService.getVariables(pi.getId()))
        .doesNotContainKeys("decisionResult", "approvalRoute");

    // What the form asks: the variance is accepted, and a manager still has to approve.
    TasklistApi.login(DemoUsers.ALICE).submitForm(taskId, accept).then().statusCode(204);
    assertThat(pi).isWaitingAt("ApproveInvoiceTask");
    runJobs(pi);
    assertThat(payments("INV-A4")).isZero();
    status("INV-A4").then().body("status", equalTo("AWAITING_APPROVAL"));
  }

  @Test
  void integrationMovingTheTokenToPaymentIsRefusedAndAnAdministratorsMoveIsNotPaid() {
    ProcessInstance pi = invoiceAwaitingApproval(DemoUsers.PAUL, "INV-A5");
    Map<String, Object> skipApproval =
        Map.of(
            "instructions",
            List.of(Map.of("type", "startBeforeActivity", "activityId", "SchedulePaymentTask")),
            "skipCustomListeners",
            true,
            "skipIoMappings",
            true);

    asIntegration()
        .body(skipApproval)
        .post("/engine-rest/process-instance/{id}/modification", pi.getId())
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(DemoUsers.MARTHA)
        .body(skipApproval)
        .post("/engine-rest/process-instance/{id}/modification", pi.getId())
        .then()
        .statusCode(403);
    assertThat(pi).isWaitingAt("ApproveInvoiceTask");
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).count()).isZero();

    // Even an administrator's modification does not pay an unapproved invoice: the payment step
    // reads the approvals from the system of record and fails, leaving an incident.
    as(DemoUsers.ADMIN)
        .body(skipApproval)
        .post("/engine-rest/process-instance/{id}/modification", pi.getId())
        .then()
        .statusCode(204);
    runJobs(pi);
    assertThat(payments("INV-A5")).isZero();
    Job payment = managementService.createJobQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(payment.getExceptionMessage()).contains("approval level 1").contains("is missing");
  }

  @Test
  void integrationWritingOrDeletingVariablesIsRefusedAndTheyStayAsTheyWere() {
    ProcessInstance pi = invoiceAwaitingApproval(DemoUsers.MARK, "INV-A6");
    String taskId = openTask(pi, "ApproveInvoiceTask").getId();
    Map<String, Object> nobody = Map.of("value", "nobody", "type", "String");

    asIntegration()
        .body(nobody)
        .put("/engine-rest/process-instance/{id}/variables/requestedBy", pi.getId())
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    asIntegration()
        .body(Map.of("modifications", Map.of("requestedBy", nobody)))
        .post("/engine-rest/process-instance/{id}/variables", pi.getId())
        .then()
        .statusCode(403);
    asIntegration()
        .delete("/engine-rest/process-instance/{id}/variables/requestedBy", pi.getId())
        .then()
        .statusCode(403);
    asIntegration()
        .body(nobody)
        .put("/engine-rest/execution/{id}/localVariables/requestedBy", pi.getId())
        .then()
        .statusCode(403);
    // The approver of the task cannot write its variables either, only complete it.
    as(DemoUsers.MARTHA)
        .body(nobody)
        .put("/engine-rest/task/{id}/variables/requestedBy", taskId)
        .then()
        .statusCode(403);
    as(DemoUsers.MARTHA)
        .body(Map.of("modifications", Map.of("requestedBy", nobody)))
        .post("/engine-rest/task/{id}/variables", taskId)
        .then()
        .statusCode(403);
    TasklistApi.login(DemoUsers.MARTHA)
        .request()
        .body(nobody)
        .put(TasklistApi.ENGINE + "/task/{id}/localVariables/requestedBy", taskId)
        .then()
        .statusCode(403);

    assertThat(runtimeService.getVariable(pi.getId(), "requestedBy")).isEqualTo(DemoUsers.MARK);
    assertThat(taskService.getVariablesLocal(taskId)).doesNotContainKey("requestedBy");
  }

  @Test
  void approverWideningTheCandidatesOrThrowingAnErrorFromTheTaskIsRefused() {
    ProcessInstance pi = invoiceAwaitingApproval(DemoUsers.PAUL, "INV-A7");
    String taskId = openTask(pi, "ApproveInvoiceTask").getId();

    as(DemoUsers.MARTHA)
        .body(Map.of("groupId", "employees", "type", "candidate"))
        .post("/engine-rest/task/{id}/identity-links", taskId)
        .then()
        .statusCode(403);
    as(DemoUsers.MARTHA)
        .body(Map.of("errorCode", "PURCHASE_ORDER_PROBLEM"))
        .post("/engine-rest/task/{id}/bpmnError", taskId)
        .then()
        .statusCode(403);
    // Someone outside the approving group cannot work the task at all.
    as(DemoUsers.ERIN)
        .body(Map.of("variables", EngineVariables.of(approval())))
        .post("/engine-rest/task/{id}/submit-form", taskId)
        .then()
        .statusCode(403);

    assertThat(taskService.getIdentityLinksForTask(taskId))
        .noneMatch(link -> "employees".equals(link.getGroupId()));
    assertThat(pi).isWaitingAt("ApproveInvoiceTask");
    assertThat(payments("INV-A7")).isZero();
  }

  @Test
  void managerInBothApprovingGroupsDecidesOnlyOneLevelOfAnInvoice() {
    String dual = "dual-" + suffix;
    User user = identityService.newUser(dual);
    user.setPassword(dual);
    user.setEmail(dual + "@handoff.example");
    identityService.saveUser(user);
    createdUsers.add(dual);
    identityService.createMembership(dual, "department-managers");
    identityService.createMembership(dual, "finance-directors");

    // 600 x 100.00 = 60,000.00: a department manager, then a finance director.
    createPurchaseOrder(DemoUsers.PAUL, List.of(poLine(1, "A-100", "600", "100.00")));
    receive(1, "600").then().statusCode(201);
    ProcessInstance pi =
        submitAndGetInstance(invoice("INV-A8", List.of(invoiceLine(1, "600", "100.00"))));
    String level1 = openTask(pi, "ApproveInvoiceTask").getId();
    given(dual).post("/engine-rest/task/{id}/claim", level1).then().statusCode(204);
    given(dual)
        .body(Map.of("variables", EngineVariables.of(approval())))
        .post("/engine-rest/task/{id}/submit-form", level1)
        .then()
        .statusCode(204);

    String level2 = openTask(pi, "ApproveInvoiceTask").getId();
    assertThat(level2).isNotEqualTo(level1);
    given(dual).post("/engine-rest/task/{id}/claim", level2).then().statusCode(403);
    given(dual)
        .body(Map.of("variables", EngineVariables.of(approval())))
        .post("/engine-rest/task/{id}/submit-form", level2)
        .then()
        .statusCode(403)
        .body("detail", containsString("already decided approval level 1"));
    assertThat(openTask(pi, "ApproveInvoiceTask").getId()).isEqualTo(level2);
    runJobs(pi);
    assertThat(payments("INV-A8")).isZero();

    // Another finance director approves the second level: now it is paid.
    as(DemoUsers.FIONA)
        .body(Map.of("userId", DemoUsers.FIONA))
        .post("/engine-rest/task/{id}/claim", level2)
        .then()
        .statusCode(204);
    as(DemoUsers.FIONA)
        .body(Map.of("variables", EngineVariables.of(approval())))
        .post("/engine-rest/task/{id}/submit-form", level2)
        .then()
        .statusCode(204);
    runJobs(pi);
    assertThat(payments("INV-A8")).isEqualTo(1);
  }

  @Test
  void levelNobodyInItsGroupMayApproveGoesAtOnceToTheEscalationGroup() {
    String dual = "dual-" + suffix;
    User user = identityService.newUser(dual);
    user.setPassword(dual);
    identityService.saveUser(user);
    createdUsers.add(dual);
    identityService.createMembership(dual, "department-managers");
    identityService.createMembership(dual, "finance-directors");
    // Fiona requested the purchase; the dual member will decide level 1: no finance director is
    // left for level 2 once the others are away.
    List<String> away =
        identityService.createUserQuery().memberOfGroup("finance-directors").list().stream()
            .map(User::getId)
            .filter(id -> !id.equals(DemoUsers.FIONA) && !id.equals(dual))
            .toList();
    away.forEach(id -> identityService.deleteMembership(id, "finance-directors"));
    try {
      createPurchaseOrder(DemoUsers.FIONA, List.of(poLine(1, "A-100", "600", "100.00")));
      receive(1, "600").then().statusCode(201);
      ProcessInstance pi =
          submitAndGetInstance(invoice("INV-E1", List.of(invoiceLine(1, "600", "100.00"))));
      String level1 = openTask(pi, "ApproveInvoiceTask").getId();
      given(dual).post("/engine-rest/task/{id}/claim", level1).then().statusCode(204);
      given(dual)
          .body(Map.of("variables", EngineVariables.of(approval())))
          .post("/engine-rest/task/{id}/submit-form", level1)
          .then()
          .statusCode(204);

      Task level2 = openTask(pi, "ApproveInvoiceTask");
      assertThat(taskService.getIdentityLinksForTask(level2.getId()))
          .anyMatch(link -> "camunda-admin".equals(link.getGroupId()));
      status("INV-E1")
          .then()
          .body("status", equalTo("AWAITING_ESCALATED_APPROVAL"))
          .body(
              "decisions.find { it.kind == 'APPROVAL_ESCALATION' }.outcome",
              equalTo("camunda-admin"));
      // The escalation group is checked by the same rules; an administrator may decide.
      as(DemoUsers.FIONA)
          .body(Map.of("userId", DemoUsers.FIONA))
          .post("/engine-rest/task/{id}/claim", level2.getId())
          .then()
          .statusCode(403);
      as(DemoUsers.ADMIN)
          .body(Map.of("userId", DemoUsers.ADMIN))
          .post("/engine-rest/task/{id}/claim", level2.getId())
          .then()
          .statusCode(204);
      as(DemoUsers.ADMIN)
          .body(Map.of("variables", EngineVariables.of(approval())))
          .post("/engine-rest/task/{id}/submit-form", level2.getId())
          .then()
          .statusCode(204);
      runJobs(pi);
      assertThat(payments("INV-E1")).isEqualTo(1);
    } finally {
      away.forEach(id -> identityService.createMembership(id, "finance-directors"));
    }
  }

  private io.restassured.specification.RequestSpecification given(String userId) {
    return io.restassured.RestAssured.given()
        .auth()
        .preemptive()
        .basic(userId, userId)
        .contentType(io.restassured.http.ContentType.JSON)
        .body(Map.of("userId", userId));
  }

  @Test
  void oneApprovalSubmittedTwiceAtTheSameMomentIsRecordedOnceAndNeverAnswers500() throws Exception {
    ProcessInstance pi = invoiceAwaitingApproval(DemoUsers.PAUL, "INV-D1");
    String taskId = openTask(pi, "ApproveInvoiceTask").getId();
    as(DemoUsers.MARTHA)
        .body(Map.of("userId", DemoUsers.MARTHA))
        .post("/engine-rest/task/{id}/claim", taskId)
        .then()
        .statusCode(204);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Integer> statuses = new ArrayList<>();
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return as(DemoUsers.MARTHA)
                      .body(Map.of("variables", EngineVariables.of(approval())))
                      .post("/engine-rest/task/{id}/submit-form", taskId)
                      .statusCode();
                }));
      }
      start.countDown();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get());
      }
    } finally {
      pool.shutdown();
    }
    assertThat(statuses).containsOnlyOnce(204);
    // The other is refused for what it finds: the task gone (404), changed at the same moment (409)
    // or its level already decided (403); never a 500.
    assertThat(statuses)
        .allMatch(s -> List.of(204, 403, 404, 409).contains(s), "204, 403, 404, 409");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM invoice_approval a JOIN invoice i"
                        + " ON i.invoice_id = a.invoice_id WHERE i.vendor_id = ?"
                        + " AND i.invoice_number = ?")
                .params(vendorId, "INV-D1")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    runJobs(pi);
    assertThat(payments("INV-D1")).isEqualTo(1);
  }

  @Test
  void secondInvoiceForGoodsAlreadyInvoicedIsAnExceptionWhateverItsNumber() {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    ProcessInstance first = submitAndGetInstance(cleanInvoice("INV-A9"));
    runJobs(first);
    assertThat(payments("INV-A9")).isEqualTo(1);

    ProcessInstance second = submitAndGetInstance(cleanInvoice("INV-B9"));
    assertThat(second).isWaitingAt("ResolveMatchExceptionTask");
    status("INV-B9")
        .then()
        .body("status", equalTo("EXCEPTION"))
        .body("lines.matchResult", equalTo(List.of("ALREADY_INVOICED", "ALREADY_INVOICED")));
    assertThat(payments("INV-B9")).isZero();

    // The same number written another way is the same invoice: refused as a duplicate.
    submit(cleanInvoice("inv_a-09"))
        .then()
        .statusCode(409)
        .body("invoiceNumber", equalTo("INV-A9"));
  }

  @Test
  void twoInvoicesForTheSameGoodsSubmittedAtTheSameMomentAtMostOnePasses() throws Exception {
    createPurchaseOrder(DemoUsers.PAUL);
    receive(1, "10", 2, "5").then().statusCode(201);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (String number : List.of("INV-C1", "INV-C2")) {
        Callable<Integer> post =
            () -> {
              start.await();
              return submit(cleanInvoice(number)).statusCode();
            };
        answers.add(pool.submit(post));
      }
      start.countDown();
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(201);
      }
    } finally {
      pool.shutdown();
    }
    ProcessInstance c1 = instance("INV-C1");
    ProcessInstance c2 = instance("INV-C2");
    runJobs(c1);
    runJobs(c2);
    assertThat(payments("INV-C1") + payments("INV-C2")).isEqualTo(1);
    assertThat(
            List.of(
                status("INV-C1").jsonPath().getString("status"),
                status("INV-C2").jsonPath().getString("status")))
        .containsExactlyInAnyOrder("SCHEDULED_FOR_PAYMENT", "EXCEPTION");
  }
}
