package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.handoff.vendor.store.VendorApplications;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the Tasklist does, through the engine REST API it uses: procurement starts onboarding with
 * the start form, the requester corrects bad data, legal and the approvers see only their tasks.
 */
@HandoffSpringTest
class VendorTasklistTest extends RestTestSupport {

  @Autowired VendorApplications applications;

  private static Map<String, Object> typed(Object value, String type) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("value", value);
    v.put("type", type);
    return v;
  }

  private static Map<String, Object> startForm(String iban) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("legalName", typed("Papierhaus Mosel GmbH", "String"));
    variables.put("country", typed("DE", "String"));
    variables.put("vatId", typed(VendorRequests.freshGermanVatId(), "String"));
    variables.put("iban", typed(iban, "String"));
    variables.put("contactEmail", typed("sales@papierhaus.example", "String"));
    variables.put("category", typed("OFFICE_SUPPLIES", "String"));
    variables.put("annualSpend", typed(9500.5, "Double"));
    variables.put("dataAccess", typed(false, "Boolean"));
    variables.put(
        "contractText", typed(VendorRequests.CONTRACT_WITHOUT_DATA_PROCESSING_CLAUSE, "String"));
    return Map.of("variables", variables);
  }

  private String taskId(String user, String processInstanceId, String taskKey) {
    return as(user)
        .queryParam("processInstanceId", processInstanceId)
        .queryParam("taskDefinitionKey", taskKey)
        .get("/engine-rest/task")
        .then()
        .statusCode(200)
        .body("$", hasSize(1))
        .extract()
        .path("[0].id");
  }

  @Test
  void procurementStartsWithTheFormCorrectsBadDataAndSeesNoApprovalOfItsOwnRequest() {
    String pi =
        as(DemoUsers.PAUL)
            .body(startForm("GB82TEST12345698765432"))
            .post("/engine-rest/process-definition/key/vendor-onboarding/submit-form")
            .then()
            .statusCode(200)
            .extract()
            .path("id");

    String correction = taskId(DemoUsers.PAUL, pi, "CorrectVendorDataTask");
    as(DemoUsers.PAUL)
        .get("/engine-rest/task/{id}/form-variables", correction)
        .then()
        .statusCode(200)
        .body("validationProblems.value", containsString("iban: has wrong check digits"));
    as(DemoUsers.PAUL)
        .body(
            Map.of("variables", Map.of("iban", typed(VendorRequests.freshGermanIban(), "String"))))
        .post("/engine-rest/task/{id}/submit-form", correction)
        .then()
        .statusCode(204);

    as(DemoUsers.ALICE)
        .queryParam("processInstanceId", pi)
        .get("/engine-rest/task")
        .then()
        .statusCode(200)
        .body("$", hasSize(0));
    String review = taskId(DemoUsers.LEO, pi, "ReviewContractTask");
    as(DemoUsers.LEO)
        .get("/engine-rest/task/{id}/form-variables", review)
        .then()
        .statusCode(200)
        .body("contractText.value", equalTo(VendorRequests.CONTRACT_WITHOUT_DATA_PROCESSING_CLAUSE))
        // the agent's reading, shown read-only and prefilled into legal's fields
        .body("proposedPaymentTerms.value", equalTo("net 45 days"))
        .body("proposedLiabilityCap.value", equalTo("EUR 250000.00"))
        .body("proposedDataProcessingClause.value", equalTo(false))
        .body("proposedMissingClauses.value", equalTo("data-processing clause"))
        .body("contractReviewConfidence.value", equalTo(0.65f))
        .body("contractReviewRationale.value", containsString("no data-processing clause"))
        .body("paymentTerms.value", equalTo("net 45 days"))
        .body("liabilityCap.value", equalTo("EUR 250000.00"))
        .body("dataProcessingClausePresent.value", equalTo(false));
    as(DemoUsers.LEO)
        .body(
            Map.of(
                "variables",
                Map.of(
                    "paymentTerms", typed("net 45 days", "String"),
                    "liabilityCap", typed("EUR 250,000 per year", "String"),
                    "dataProcessingClausePresent", typed(false, "Boolean"),
                    "contractReviewAgreed", typed(true, "Boolean"),
                    "contractReviewOutcome", typed("ACCEPTED", "String"))))
        .post("/engine-rest/task/{id}/submit-form", review)
        .then()
        .statusCode(204);

    // the requester is paul: although in procurement, he does not see its approval task
    as(DemoUsers.PAUL)
        .queryParam("processInstanceId", pi)
        .queryParam("taskDefinitionKey", "ApproveVendorTask")
        .get("/engine-rest/task")
        .then()
        .statusCode(200)
        .body("$", hasSize(0));
    String approval = taskId(DemoUsers.ADMIN, pi, "ApproveVendorTask");
    as(DemoUsers.PAUL)
        .body(Map.of("variables", Map.of("approvalDecision", typed("APPROVED", "String"))))
        .post("/engine-rest/task/{id}/submit-form", approval)
        .then()
        .statusCode(403);

    String applicationId =
        as(DemoUsers.ADMIN)
            .get("/engine-rest/task/{id}/variables/applicationId", approval)
            .then()
            .statusCode(200)
            .extract()
            .path("value");
    VendorApplication a = applications.get(applicationId);
    assertThat(a.requestedBy()).isEqualTo(DemoUsers.PAUL);
    assertThat(a.annualSpend()).isEqualByComparingTo("9500.5");
    assertThat(a.status()).isEqualTo(ApplicationStatus.AWAITING_APPROVAL);
    assertThat(a.paymentTerms()).isEqualTo("net 45 days");
    assertThat(a.liabilityCap()).isEqualTo("EUR 250,000 per year");
  }
}
