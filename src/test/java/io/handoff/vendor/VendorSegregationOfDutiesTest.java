package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.handoff.support.DemoUsers;
import io.handoff.support.EngineVariables;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.handoff.support.TasklistApi;
import io.handoff.vendor.store.ApprovalTasks;
import io.handoff.vendor.store.Approvals;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Segregation of duties on vendor approvals, attacked through the surfaces an approver has: engine
 * REST with HTTP Basic and the Tasklist's own API (session and CSRF token). Each attack is refused
 * with 403 and the reason, and changes nothing: no vendor, the status unchanged, the task still
 * open, the refusal in the audit trail. The requester's rights on the task are taken back from the
 * revoke that hides it, as an administrator could, so that the control itself is what refuses.
 *
 * <p>{@code tessa} (created here) is in two approving groups, procurement and finance directors.
 */
@HandoffSpringTest
class VendorSegregationOfDutiesTest extends RestTestSupport {

  static final String APPLICATIONS = "/api/vendor-applications";
  static final String TESSA = "tessa";

  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired ApprovalTasks approvalTasks;
  @Autowired Approvals approvals;
  @Autowired JdbcClient jdbc;

  private final List<String[]> removedMemberships = new ArrayList<>();

  @BeforeEach
  void createTessaInTwoApprovingGroups() {
    User tessa = identityService.newUser(TESSA);
    tessa.setFirstName("Tessa");
    tessa.setLastName("Twogroups");
    tessa.setEmail("tessa@handoff.example");
    tessa.setPassword(TESSA);
    identityService.saveUser(tessa);
    identityService.createMembership(TESSA, "procurement");
    identityService.createMembership(TESSA, "finance-directors");
  }

  @AfterEach
  void restoreIdentities() {
    identityService.deleteUser(TESSA);
    User priya = identityService.createUserQuery().userId(DemoUsers.PRIYA).singleResult();
    priya.setEmail("priya@handoff.example");
    identityService.saveUser(priya);
    removedMemberships.forEach(m -> identityService.createMembership(m[0], m[1]));
    removedMemberships.clear();
  }

  private void leaveGroup(String user, String group) {
    identityService.deleteMembership(user, group);
    removedMemberships.add(new String[] {user, group});
  }

  // --- fixtures ------------------------------------------------------------------------------

  /** A LOW risk application (procurement approves), submitted through the domain API. */
  private String submitLowRisk(String requestedBy) {
    return submit(VendorRequests.lowRisk(requestedBy));
  }

  /** A MEDIUM risk application: procurement and finance directors approve, in parallel. */
  private String submitMediumRisk(String requestedBy) {
    return submit(
        VendorRequests.request(
            "Hafenlogistik Trave GmbH", "LOGISTICS", new BigDecimal("120000"), false, requestedBy));
  }

  private String submit(VendorApplicationRequest r) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("legalName", r.legalName());
    body.put("country", r.country());
    body.put("vatId", r.vatId());
    body.put("iban", r.iban());
    body.put("contactEmail", r.contactEmail());
    body.put("category", r.category());
    body.put("annualSpend", r.annualSpend());
    body.put("dataAccess", r.dataAccess());
    body.put("contractText", r.contractText());
    body.put("requestedBy", r.requestedBy());
    return asIntegration()
        .body(body)
        .post(APPLICATIONS)
        .then()
        .statusCode(201)
        .body("status", equalTo("AWAITING_APPROVAL"))
        .extract()
        .path("applicationId");
  }

  /** The open approval task of the application for the group. */
  private String approvalTask(String applicationId, String group) {
    return approvalTasks.ofApplication(applicationId).stream()
        .filter(t -> t.group().equals(group))
        .map(ApprovalTasks.ApprovalTask::taskId)
        .filter(id -> taskService.createTaskQuery().taskId(id).count() == 1)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no open approval for " + group));
  }

  /** Takes back the revoke that hides the task from its requester, as an administrator could. */
  private void withoutTheRevoke(String taskId) {
    authorizationService
        .createAuthorizationQuery()
        .resourceType(Resources.TASK)
        .resourceId(taskId)
        .authorizationType(Authorization.AUTH_TYPE_REVOKE)
        .list()
        .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
  }

  private static Map<String, Object> approve() {
    return Map.of("approvalDecision", "APPROVED", "approvalReason", "fits our needs");
  }

  private static Map<String, Object> engineForm(Map<String, Object> values) {
    return Map.of("variables", EngineVariables.of(values));
  }

  /**
   * The attack is refused with the control's reason, and nothing changed: no vendor, still awaiting
   * approval, the task open, no decision for its group, the refusal in the audit trail. Then the
   * status: engine REST and the Tasklist answer the refusal with 403.
   *
   * <p>NOTE: the 403 (last assertion) relies on the platform unwrapping a ControlRefusedException
   * raised in a task listener; until it does, the engine wraps it and answers 500 with the reason.
   */
  private void assertRefused(
      Response response, String reason, String applicationId, String taskId, String refusedUser) {
    assertThat(response.asString()).contains(reason);
    assertNothingChanged(applicationId, taskId, refusedUser);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
  }

  private void assertNothingChanged(String applicationId, String taskId, String refusedUser) {
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM vendor WHERE application_id = :id")
                .param("id", applicationId)
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    String group = approvalTasks.get(taskId).group();
    assertThat(approvals.of(applicationId))
        .noneMatch(a -> a.group().equals(group))
        .noneMatch(a -> a.userId().equals(refusedUser) && !a.group().equals(otherGroupOf(group)));
    asIntegration()
        .get(APPLICATIONS + "/{id}", applicationId)
        .then()
        .statusCode(200)
        .body("status", equalTo("AWAITING_APPROVAL"))
        .body("vendorId", nullValue())
        .body(
            "decisions.findAll { it.decision == 'SEGREGATION_OF_DUTIES' }.decidedBy",
            hasItem("person:" + refusedUser))
        .body(
            "decisions.findAll { it.decision == 'SEGREGATION_OF_DUTIES' }.details.taskId",
            hasItem(taskId));
  }

  /** In the two-group attacks, the group the attacker legitimately decided first. */
  private static String otherGroupOf(String group) {
    return group.equals("procurement") ? "finance-directors" : "procurement";
  }

  // --- the requester -------------------------------------------------------------------------

  @Test
  void theRequesterClaimingTheirApprovalOverEngineRestIsRefused() {
    String id = submitLowRisk(DemoUsers.PAUL);
    String task = approvalTask(id, "procurement");
    withoutTheRevoke(task);

    Response r =
        as(DemoUsers.PAUL)
            .body(Map.of("userId", DemoUsers.PAUL))
            .post("/engine-rest/task/{id}/claim", task);

    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    assertRefused(r, "paul requested vendor application " + id, id, task, DemoUsers.PAUL);
  }

  @Test
  void theRequesterCompletingTheirApprovalWithoutClaimOverEngineRestIsRefused() {
    String id = submitLowRisk(DemoUsers.PAUL);
    String task = approvalTask(id, "procurement");
    withoutTheRevoke(task);

    Response r =
        as(DemoUsers.PAUL)
            .body(engineForm(approve()))
            .post("/engine-rest/task/{id}/complete", task);

    assertRefused(r, "paul requested vendor application " + id, id, task, DemoUsers.PAUL);
  }

  @Test
  void theRequesterSubmittingTheApprovalFormOverEngineRestIsRefused() {
    String id = submitLowRisk(DemoUsers.PAUL);
    String task = approvalTask(id, "procurement");
    withoutTheRevoke(task);

    Response r =
        as(DemoUsers.PAUL)
            .body(engineForm(approve()))
            .post("/engine-rest/task/{id}/submit-form", task);

    assertRefused(r, "may not approve it", id, task, DemoUsers.PAUL);
  }

  @Test
  void theRequesterSubmittingTheApprovalFormInTheTasklistIsRefused() {
    String id = submitLowRisk(DemoUsers.PAUL);
    String task = approvalTask(id, "procurement");
    withoutTheRevoke(task);

    Response r = TasklistApi.login(DemoUsers.PAUL).submitForm(task, approve());

    assertRefused(r, "paul requested vendor application " + id, id, task, DemoUsers.PAUL);
  }

  @Test
  void theRequesterClaimingTheirApprovalInTheTasklistIsRefused() {
    String id = submitLowRisk(DemoUsers.PAUL);
    String task = approvalTask(id, "procurement");
    withoutTheRevoke(task);

    Response r = TasklistApi.login(DemoUsers.PAUL).claim(task, DemoUsers.PAUL);

    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    assertRefused(r, "paul requested vendor application " + id, id, task, DemoUsers.PAUL);
  }

  @Test
  void theRequesterNamedByEmailIsRefusedUnderTheirUserId() {
    String id = submitLowRisk("Paul@Handoff.example");
    String task = approvalTask(id, "procurement");
    // the requester's account is found by its address and the task hidden from it as well
    as(DemoUsers.PAUL)
        .get("/engine-rest/task/{id}", task)
        .then()
        .statusCode(org.hamcrest.Matchers.not(200));
    withoutTheRevoke(task);

    Response r = TasklistApi.login(DemoUsers.PAUL).submitForm(task, approve());

    assertRefused(r, "paul requested vendor application " + id, id, task, DemoUsers.PAUL);
  }

  @Test
  void theRequesterChangingTheirEmailAfterRequestingIsStillRefused() {
    String id = submitLowRisk("priya@handoff.example");
    String task = approvalTask(id, "procurement");
    withoutTheRevoke(task);
    as(DemoUsers.PRIYA)
        .body(
            Map.of(
                "id", DemoUsers.PRIYA,
                "firstName", "Priya",
                "lastName", "Buyer",
                "email", "p.buyer@elsewhere.example"))
        .put("/engine-rest/user/{id}/profile", DemoUsers.PRIYA)
        .then()
        // The platform refuses a person's own e-mail change; the requester's identities kept at
        // registration would hold even if an administrator changed it.
        .statusCode(403);

    Response r = TasklistApi.login(DemoUsers.PRIYA).submitForm(task, approve());

    assertRefused(r, "priya requested vendor application " + id, id, task, DemoUsers.PRIYA);
  }

  @Test
  void assigningTheApprovalToItsRequesterIsRefusedEvenForAnAdministrator() {
    String id = submitLowRisk(DemoUsers.PAUL);
    String task = approvalTask(id, "procurement");

    Response r =
        as(DemoUsers.ADMIN)
            .body(Map.of("userId", DemoUsers.PAUL))
            .post("/engine-rest/task/{id}/assignee", task);

    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
    assertRefused(r, "paul requested vendor application " + id, id, task, DemoUsers.PAUL);
  }

  @Test
  void anAdministratorCompletingTheApprovalAssignedToItsRequesterIsRefused() {
    String id = submitLowRisk(DemoUsers.PAUL);
    String task = approvalTask(id, "procurement");
    // the assignee as it stands in the engine's table (set before this control existed, say)
    jdbc.sql("UPDATE ACT_RU_TASK SET ASSIGNEE_ = :user WHERE ID_ = :id")
        .param("user", DemoUsers.PAUL)
        .param("id", task)
        .update();

    Response r =
        as(DemoUsers.ADMIN)
            .body(engineForm(approve()))
            .post("/engine-rest/task/{id}/submit-form", task);

    assertRefused(r, "paul requested vendor application " + id, id, task, DemoUsers.PAUL);
  }

  // --- a second approval of the same application ---------------------------------------------

  @Test
  void aSecondApprovalBySomeoneInTwoApprovingGroupsIsRefusedOverEngineRest() {
    String id = submitMediumRisk(DemoUsers.ERIN);
    String procurement = approvalTask(id, "procurement");
    String finance = approvalTask(id, "finance-directors");
    as(TESSA)
        .body(engineForm(approve()))
        .post("/engine-rest/task/{id}/submit-form", procurement)
        .then()
        .statusCode(204);

    Response r =
        as(TESSA).body(engineForm(approve())).post("/engine-rest/task/{id}/submit-form", finance);

    assertThat(approvals.of(id))
        .extracting(Approvals.Approval::group)
        .containsExactly("procurement");
    assertRefused(r, "tessa already decided vendor application " + id, id, finance, TESSA);
  }

  @Test
  void aSecondApprovalBySomeoneInTwoApprovingGroupsIsRefusedOnClaimInTheTasklist() {
    String id = submitMediumRisk(DemoUsers.ERIN);
    String procurement = approvalTask(id, "procurement");
    String finance = approvalTask(id, "finance-directors");
    TasklistApi tessa = TasklistApi.login(TESSA);
    assertThat(tessa.submitForm(procurement, approve()).statusCode()).isEqualTo(204);

    Response r = tessa.claim(finance, TESSA);

    assertThat(taskService.createTaskQuery().taskId(finance).singleResult().getAssignee()).isNull();
    assertRefused(
        r,
        "already decided vendor application " + id + " (Hafenlogistik Trave GmbH) for procurement",
        id,
        finance,
        TESSA);
  }

  @Test
  void aSecondApprovalBySomeoneInTwoApprovingGroupsIsRefusedInTheTasklistForm() {
    String id = submitMediumRisk(DemoUsers.ERIN);
    String procurement = approvalTask(id, "procurement");
    String finance = approvalTask(id, "finance-directors");
    TasklistApi tessa = TasklistApi.login(TESSA);
    assertThat(tessa.submitForm(procurement, approve()).statusCode()).isEqualTo(204);

    Response r = tessa.submitForm(finance, approve());

    assertRefused(r, "tessa already decided vendor application " + id, id, finance, TESSA);
  }

  @Test
  void twoApprovalsByOnePersonInTwoGroupsAtTheSameMomentOnlyOneSucceeds() throws Exception {
    String id = submitMediumRisk(DemoUsers.ERIN);
    String procurement = approvalTask(id, "procurement");
    String finance = approvalTask(id, "finance-directors");
    TasklistApi tasklist = TasklistApi.login(TESSA);
    CountDownLatch ready = new CountDownLatch(2);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Response> viaEngineRest =
          () -> {
            ready.countDown();
            go.await();
            return as(TESSA)
                .body(engineForm(approve()))
                .post("/engine-rest/task/{id}/submit-form", procurement);
          };
      Callable<Response> viaTasklist =
          () -> {
            ready.countDown();
            go.await();
            return tasklist.submitForm(finance, approve());
          };
      Future<Response> first = pool.submit(viaEngineRest);
      Future<Response> second = pool.submit(viaTasklist);
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<Response> answers =
          List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));

      assertThat(answers).extracting(Response::statusCode).containsOnlyOnce(204);
      Response refused = answers.stream().filter(a -> a.statusCode() != 204).findFirst().get();
      List<Approvals.Approval> decided = approvals.of(id);
      assertThat(decided).singleElement().satisfies(a -> assertThat(a.userId()).isEqualTo(TESSA));
      String stillOpen = decided.get(0).group().equals("procurement") ? finance : procurement;
      assertRefused(
          refused, "tessa already decided vendor application " + id, id, stillOpen, TESSA);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theDatabaseKeepsOneDecisionPerPersonAndApplication() {
    String id = submitMediumRisk(DemoUsers.ERIN);
    approvals.record(id, "procurement", TESSA, "APPROVED", null);
    assertThatThrownBy(() -> approvals.record(id, "finance-directors", TESSA, "APPROVED", null))
        .isInstanceOf(DuplicateKeyException.class);
    approvals.record(id, "finance-directors", DemoUsers.FIONA, "APPROVED", null);
    assertThat(approvals.of(id))
        .extracting(Approvals.Approval::userId)
        .containsExactly(TESSA, DemoUsers.FIONA);
  }

  // --- nobody left in the group: escalation at once ------------------------------------------

  @Test
  void anApprovalNobodyInTheGroupMayDecideGoesToItsEscalationPathAtOnce() {
    // the README's example: paul requests, and is the only member of procurement
    leaveGroup(DemoUsers.PRIYA, "procurement");
    identityService.deleteMembership(TESSA, "procurement");
    String id = submitLowRisk(DemoUsers.PAUL);
    String task = approvalTask(id, "procurement");

    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee())
        .isEqualTo(DemoUsers.FIONA);
    asIntegration()
        .get(APPLICATIONS + "/{id}", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("AWAITING_APPROVAL"))
        .body("pendingApprovals[0].group", equalTo("procurement"))
        .body("pendingApprovals[0].state", equalTo("ESCALATED"))
        .body("pendingApprovals[0].escalatedTo", equalTo(DemoUsers.FIONA))
        .body("pendingApprovals[0].escalationLevel", equalTo(1))
        .body("pendingApprovals[0].escalationReason", equalTo("NO_ELIGIBLE_APPROVER"))
        .body(
            "decisions.find { it.decision == 'APPROVAL_ESCALATION' }.details.lead",
            equalTo(DemoUsers.FIONA));

    // the lead decides it from "My tasks"
    as(DemoUsers.FIONA)
        .body(engineForm(approve()))
        .post("/engine-rest/task/{id}/submit-form", task)
        .then()
        .statusCode(204);
    asIntegration()
        .get(APPLICATIONS + "/{id}", id)
        .then()
        .body("status", equalTo("APPROVED"))
        .body("approvals[0].userId", equalTo(DemoUsers.FIONA));
  }

  @Test
  void theEscalationSkipsALeadWhoRequestedTheVendorUnderTheirEmail() {
    // procurement has nobody left, and its first lead requested the vendor
    leaveGroup(DemoUsers.PAUL, "procurement");
    leaveGroup(DemoUsers.PRIYA, "procurement");
    identityService.deleteMembership(TESSA, "procurement");
    String id = submitLowRisk("fiona@handoff.example");
    String task = approvalTask(id, "procurement");

    assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee())
        .isEqualTo(DemoUsers.FRANK);
    asIntegration()
        .get(APPLICATIONS + "/{id}", id)
        .then()
        .body("pendingApprovals[0].escalatedTo", equalTo(DemoUsers.FRANK))
        .body("pendingApprovals[0].escalationLevel", equalTo(2))
        .body(
            "decisions.find { it.decision == 'APPROVAL_ESCALATION' }.details.skipped[0].lead",
            equalTo(DemoUsers.FIONA));
  }

  @Test
  void aLeadWhoApprovesAnotherGroupHandsTheEscalatedApprovalToTheNextLevel() {
    leaveGroup(DemoUsers.PRIYA, "procurement");
    identityService.deleteMembership(TESSA, "procurement");
    identityService.deleteMembership(TESSA, "finance-directors");
    String id = submitMediumRisk(DemoUsers.PAUL);
    String procurement = approvalTask(id, "procurement");
    String finance = approvalTask(id, "finance-directors");
    assertThat(taskService.createTaskQuery().taskId(procurement).singleResult().getAssignee())
        .isEqualTo(DemoUsers.FIONA);

    // fiona approves for finance: she may no longer decide procurement's approval
    as(DemoUsers.FIONA)
        .body(engineForm(approve()))
        .post("/engine-rest/task/{id}/submit-form", finance)
        .then()
        .statusCode(204);

    assertThat(taskService.createTaskQuery().taskId(procurement).singleResult().getAssignee())
        .isEqualTo(DemoUsers.FRANK);
    asIntegration()
        .get(APPLICATIONS + "/{id}", id)
        .then()
        .body("pendingApprovals[0].group", equalTo("procurement"))
        .body("pendingApprovals[0].escalatedTo", equalTo(DemoUsers.FRANK))
        .body("pendingApprovals[0].escalationLevel", equalTo(2));
    Response r =
        as(DemoUsers.FIONA)
            .body(engineForm(approve()))
            .post("/engine-rest/task/{id}/submit-form", procurement);
    assertRefused(
        r, "fiona already decided vendor application " + id, id, procurement, DemoUsers.FIONA);
  }

  @Test
  void theApprovalFormStillWorksForAnotherMemberOfTheGroup() {
    String id = submitLowRisk(DemoUsers.PAUL);
    String task = approvalTask(id, "procurement");
    TasklistApi priya = TasklistApi.login(DemoUsers.PRIYA);
    assertThat(priya.claim(task, DemoUsers.PRIYA).statusCode()).isEqualTo(204);
    assertThat(priya.submitForm(task, approve()).statusCode()).isEqualTo(204);
    asIntegration()
        .get(APPLICATIONS + "/{id}", id)
        .then()
        .body("status", equalTo("APPROVED"))
        .body("approvals[0].userId", equalTo(DemoUsers.PRIYA))
        .body("decisions.decision", org.hamcrest.Matchers.not(hasItem("SEGREGATION_OF_DUTIES")))
        .body("vendorId", containsString("VEN-"));
  }
}
