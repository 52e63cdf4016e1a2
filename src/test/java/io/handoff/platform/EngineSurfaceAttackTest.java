package io.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.handoff.vendor.VendorRequests;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine REST API as a way around the processes, tried by the technical user and by an
 * approver: they may read definitions (and, for integrators, the state of instances); every
 * operation that changes a process from outside, and every read of variable values they were not
 * given, is refused, and nothing changes.
 */
@HandoffSpringTest
class EngineSurfaceAttackTest extends RestTestSupport {

  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;

  private ProcessInstance vendorApplication;
  private String iban;

  @BeforeEach
  void anApplicationWithAnIbanIsWaitingForApproval() {
    iban = VendorRequests.freshGermanIban();
    String id =
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
    vendorApplication =
        runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
    assertThat(vendorApplication).isNotNull();
  }

  @Test
  void integrationReadingVariableHistoryIsRefused() {
    asIntegration()
        .get("/engine-rest/history/variable-instance?variableName=iban")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    asIntegration().post("/engine-rest/history/variable-instance").then().statusCode(403);
    asIntegration().get("/engine-rest/history/detail").then().statusCode(403);
    as(DemoUsers.MARK)
        .get("/engine-rest/history/variable-instance?variableName=iban")
        .then()
        .statusCode(403);
  }

  @Test
  void integrationSeesTheStateOfInstancesButNotTheirVariables() {
    asIntegration()
        .get("/engine-rest/process-instance/{id}", vendorApplication.getId())
        .then()
        .statusCode(200)
        .body("ended", equalTo(false));
    asIntegration()
        .get("/engine-rest/process-definition?key=vendor-onboarding")
        .then()
        .statusCode(200)
        .body("$", not(empty()));
    asIntegration()
        .get("/engine-rest/variable-instance?variableName=iban")
        .then()
        .statusCode(200)
        .body("$", empty());
    asIntegration()
        .get("/engine-rest/process-instance/{id}/variables", vendorApplication.getId())
        .then()
        .statusCode(403);
    // An administrator does see it: the data is there, the integrator is not given it.
    as(DemoUsers.ADMIN)
        .get("/engine-rest/variable-instance?variableName=iban")
        .then()
        .statusCode(200)
        .body("value", org.hamcrest.Matchers.hasItem(iban));
  }

  @Test
  void integrationRunningSuspendingOrDeletingInstancesAndJobsIsRefusedAndNothingChanges() {
    String id = vendorApplication.getId();
    asIntegration()
        .body(Map.of("suspended", true))
        .put("/engine-rest/process-instance/{id}/suspended", id)
        .then()
        .statusCode(403);
    asIntegration().delete("/engine-rest/process-instance/{id}", id).then().statusCode(403);
    asIntegration()
        .body(Map.of("processInstanceIds", List.of(id), "deleteReason", "gone"))
        .post("/engine-rest/process-instance/delete")
        .then()
        .statusCode(403);
    asIntegration()
        .body(Map.of("suspended", true, "processDefinitionKey", "vendor-onboarding"))
        .put("/engine-rest/process-definition/suspended")
        .then()
        .statusCode(403);
    List<Job> jobs = managementService.createJobQuery().processInstanceId(id).list();
    for (Job job : jobs) {
      asIntegration().post("/engine-rest/job/{id}/execute", job.getId()).then().statusCode(403);
      asIntegration()
          .body(Map.of("retries", 0))
          .put("/engine-rest/job/{id}/retries", job.getId())
          .then()
          .statusCode(403);
    }
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult())
        .isNotNull()
        .matches(pi -> !pi.isSuspended(), "not suspended");
    assertThat(managementService.createJobQuery().processInstanceId(id).count())
        .isEqualTo(jobs.size());
  }

  @Test
  void approverChangingTheirOwnEmailToSlipPastTheRequesterCheckIsRefused() {
    String before =
        identityService.createUserQuery().userId(DemoUsers.MARK).singleResult().getEmail();
    as(DemoUsers.MARK)
        .body(
            Map.of(
                "id", DemoUsers.MARK,
                "firstName", "Mark",
                "lastName", "Manager",
                "email", "someone-else@handoff.example"))
        .put("/engine-rest/user/{id}/profile", DemoUsers.MARK)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    assertThat(identityService.createUserQuery().userId(DemoUsers.MARK).singleResult().getEmail())
        .isEqualTo(before);
    // The rest of the profile stays theirs to edit.
    as(DemoUsers.MARK)
        .body(
            Map.of(
                "id", DemoUsers.MARK, "firstName", "Mark", "lastName", "Manager", "email", before))
        .put("/engine-rest/user/{id}/profile", DemoUsers.MARK)
        .then()
        .statusCode(204);
  }

  @Test
  void integrationAndApproversDeployNothing() {
    for (String user : List.of(DemoUsers.INTEGRATION, DemoUsers.MARK)) {
      io.restassured.RestAssured.given()
          .auth()
          .preemptive()
          .basic(user, DemoUsers.passwordOf(user))
          .multiPart("deployment-name", "sneaky")
          .multiPart(
              "data",
              "sneaky.bpmn",
              "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>".getBytes(),
              "application/octet-stream")
          .post("/engine-rest/deployment/create")
          .then()
          .statusCode(403);
    }
  }
}
