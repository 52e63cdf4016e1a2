package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An open application's status says what it waits for, in its view and in the list filters: a
 * possible sanctions match with compliance, a contract with legal, then the approvals.
 */
@HandoffSpringTest
class VendorStatusApiTest extends RestTestSupport {

  static final String APPLICATIONS = "/api/vendor-applications";

  @Autowired TaskService taskService;

  private final String requester = "req-" + UUID.randomUUID().toString().substring(0, 8);

  private String taskOf(String applicationId, String key) {
    String pi =
        asIntegration()
            .get(APPLICATIONS + "/{id}", applicationId)
            .then()
            .statusCode(200)
            .extract()
            .path("processInstanceId");
    return taskService
        .createTaskQuery()
        .processInstanceId(pi)
        .taskDefinitionKey(key)
        .singleResult()
        .getId();
  }

  private void completeAs(String user, String taskId, Map<String, Object> variables) {
    as(user)
        .body(Map.of("userId", user))
        .post("/engine-rest/task/{id}/claim", taskId)
        .then()
        .statusCode(204);
    Map<String, Object> typed = new java.util.LinkedHashMap<>();
    variables.forEach((k, v) -> typed.put(k, Map.of("value", v)));
    as(user)
        .body(Map.of("variables", typed))
        .post("/engine-rest/task/{id}/complete", taskId)
        .then()
        .statusCode(204);
  }

  private void statusIs(String applicationId, String status) {
    asIntegration()
        .get(APPLICATIONS + "/{id}", applicationId)
        .then()
        .statusCode(200)
        .body("status", equalTo(status));
    asIntegration()
        .queryParam("requestedBy", requester)
        .queryParam("status", status)
        .get(APPLICATIONS)
        .then()
        .statusCode(200)
        .body("items.applicationId", equalTo(List.of(applicationId)))
        .body("items[0].status", equalTo(status));
  }

  @Test
  void aSanctionsMatchAndThenAContractUnderReviewShowWhoTheApplicationWaitsFor() {
    VendorApplicationRequest request =
        VendorRequests.withContract(
            VendorRequests.request(
                "Global Horizont Trade LLC",
                "OFFICE_SUPPLIES",
                new BigDecimal("5000"),
                false,
                requester),
            VendorRequests.VAGUE_CONTRACT);
    String id =
        asIntegration()
            .body(request)
            .post(APPLICATIONS)
            .then()
            .statusCode(201)
            .body("status", equalTo("AWAITING_SANCTIONS_REVIEW"))
            .extract()
            .path("applicationId");
    statusIs(id, "AWAITING_SANCTIONS_REVIEW");
    asIntegration()
        .queryParam("requestedBy", requester)
        .queryParam("status", "SCREENING,AWAITING_APPROVAL")
        .get(APPLICATIONS)
        .then()
        .statusCode(200)
        .body("items", equalTo(List.of()));

    completeAs(
        DemoUsers.CLARA,
        taskOf(id, "ReviewSanctionsMatchTask"),
        Map.of("sanctionsReviewOutcome", "CLEARED", "sanctionsReviewComment", "another company"));
    // the agent step is unsure about the vague contract: legal reviews it
    statusIs(id, "AWAITING_CONTRACT_REVIEW");

    completeAs(
        DemoUsers.LENA,
        taskOf(id, "ReviewContractTask"),
        Map.of(
            "paymentTerms", "net 30 days",
            "liabilityCap", "EUR 500000.00",
            "dataProcessingClausePresent", true,
            "contractReviewAgreed", false,
            "contractReviewOutcome", "ACCEPTED",
            "contractReviewComment", "urgent orders are paid in 30 days too"));
    statusIs(id, "AWAITING_APPROVAL");
    assertThat(
            asIntegration()
                .get(APPLICATIONS + "/{id}", id)
                .then()
                .extract()
                .jsonPath()
                .getList("pendingApprovals.group", String.class))
        .contains("compliance", "procurement");
  }
}
