package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.handoff.vendor.store.VendorApplications;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The vendor-application and vendor REST contract over real HTTP. */
@HandoffSpringTest
class VendorApplicationApiTest extends RestTestSupport {

  static final String APPLICATIONS = "/api/vendor-applications";
  static final String PROBLEM_JSON = "application/problem+json";

  @Autowired TaskService taskService;
  @Autowired org.camunda.bpm.engine.ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired VendorApplications applications;

  private static Map<String, Object> validBody() {
    VendorApplicationRequest r = VendorRequests.lowRisk(DemoUsers.ERIN);
    Map<String, Object> body = new LinkedHashMap<>();
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
    return body;
  }

  private String submit(Map<String, Object> body) {
    return asIntegration()
        .body(body)
        .post(APPLICATIONS)
        .then()
        .statusCode(201)
        .extract()
        .path("applicationId");
  }

  @Test
  void aValidApplicationIsCreatedWithLocationProcessInstanceAndStatus() {
    asIntegration()
        .body(validBody())
        .post(APPLICATIONS)
        .then()
        .statusCode(201)
        .contentType("application/json")
        .header("Location", matchesPattern(".*/api/vendor-applications/[0-9a-f-]{36}"))
        .body("applicationId", notNullValue())
        .body("processInstanceId", notNullValue())
        .body("status", equalTo("AWAITING_APPROVAL"));
  }

  @Test
  void theStatusShowsRiskTierRequiredApprovalsScreeningAndTheAgentsContractReview() {
    Map<String, Object> body = validBody();
    body.put("vatId", "de " + ((String) body.get("vatId")).substring(2));
    String id = submit(body);
    asIntegration()
        .get(APPLICATIONS + "/{id}", id)
        .then()
        .statusCode(200)
        .body("applicationId", equalTo(id))
        .body("status", equalTo("AWAITING_APPROVAL"))
        .body("vatId", matchesPattern("DE\\d{9}"))
        .body("riskTier", equalTo("LOW"))
        .body("countryRisk", equalTo("LOW"))
        .body("requiredApprovals", equalTo(List.of("procurement")))
        .body("approvals", empty())
        .body("screening.outcome", equalTo("CLEAR"))
        .body("screening.score", notNullValue())
        .body("contractReview.outcome", equalTo("ACCEPTED"))
        .body("contractReview.paymentTerms", equalTo("net 30 days"))
        .body("contractReview.liabilityCap", equalTo("EUR 1000000.00"))
        .body("contractReview.dataProcessingClause", equalTo(true))
        .body("contractReview.reviewedBy", equalTo("agent"))
        .body(
            "decisions.decision",
            equalTo(
                List.of(
                    "DUPLICATE_CHECK",
                    "sanctions-screening-outcome",
                    "SANCTIONS_SCREENING",
                    "country-risk",
                    "vendor-risk-tier",
                    "vendor-required-approvals",
                    "review-contract",
                    "CONTRACT_REVIEW")))
        .body("decisions[3].decidedBy", startsWith("rule:country-risk:"))
        .body("decisions[3].details.country", equalTo("DE"))
        .body("decisions[5].outcome", equalTo("{\"approvalGroup\":\"procurement\"}"))
        .body("decisions[7].decidedBy", startsWith("agent:review-contract/"))
        .body("decisions[7].details.confidence", equalTo(0.95f))
        .body("decisions[7].details.agentAuditId", notNullValue());
  }

  @Test
  void anApprovedApplicationShowsItsApprovalsAndTheVendorCanBeRead() {
    String id = submit(validBody());
    String pi = applications.get(id).processInstanceId();
    complete(
        pi,
        "ApproveVendorTask",
        DemoUsers.PAUL,
        List.of("procurement"),
        Map.of("approvalDecision", "APPROVED", "approvalReason", "needed for office supplies"));

    String vendorId =
        asIntegration()
            .get(APPLICATIONS + "/{id}", id)
            .then()
            .statusCode(200)
            .body("status", equalTo("APPROVED"))
            .body("vendorId", matchesPattern("VEN-\\d{6,}"))
            .body("approvals", hasSize(1))
            .body("approvals[0].group", equalTo("procurement"))
            .body("approvals[0].userId", equalTo("paul"))
            .body("approvals[0].outcome", equalTo("APPROVED"))
            .body("approvals[0].reason", equalTo("needed for office supplies"))
            .body("approvals[0].decidedAt", notNullValue())
            .body("contractReview.paymentTerms", equalTo("net 30 days"))
            .extract()
            .path("vendorId");
    asIntegration()
        .get("/api/vendors/{id}", vendorId)
        .then()
        .statusCode(200)
        .body("vendorId", equalTo(vendorId))
        .body("legalName", equalTo("Nordlicht Bürobedarf GmbH"))
        .body("riskTier", equalTo("LOW"))
        .body("applicationId", equalTo(id));
  }

  @Test
  void anOnboardedVendorIsUsedByAPurchaseOrderWhoseInvoiceIsScheduledForPayment() {
    String id = submit(validBody());
    complete(
        applications.get(id).processInstanceId(),
        "ApproveVendorTask",
        DemoUsers.PAUL,
        List.of("procurement"),
        Map.of("approvalDecision", "APPROVED", "approvalReason", "office supplies"));
    String vendorId =
        asIntegration().get(APPLICATIONS + "/{id}", id).then().extract().path("vendorId");
    asIntegration().get("/api/vendors/{id}", vendorId).then().statusCode(200);

    // Procure-to-pay, over its REST API, with the vendor id onboarding created.
    String po = "PO-" + vendorId;
    asIntegration()
        .body(
            Map.of(
                "poNumber",
                po,
                "vendorId",
                vendorId,
                "currency",
                "EUR",
                "requestedBy",
                DemoUsers.PAUL,
                "category",
                "office-supplies",
                "lines",
                List.of(
                    Map.of(
                        "line",
                        1,
                        "sku",
                        "P-500",
                        "description",
                        "Copy paper",
                        "quantity",
                        10,
                        "unitPrice",
                        25.00))))
        .post("/api/purchase-orders")
        .then()
        .statusCode(201);
    asIntegration()
        .body(
            Map.of(
                "receiptId",
                "GR-" + vendorId,
                "poNumber",
                po,
                "lines",
                List.of(Map.of("line", 1, "quantity", 10))))
        .post("/api/goods-receipts")
        .then()
        .statusCode(201);
    String invoicePi =
        asIntegration()
            .body(
                Map.of(
                    "vendorId",
                    vendorId,
                    "invoiceNumber",
                    "INV-1",
                    "invoiceDate",
                    "2026-11-02",
                    "currency",
                    "EUR",
                    "poNumber",
                    po,
                    "paymentTerms",
                    "NET30",
                    "lines",
                    List.of(Map.of("line", 1, "quantity", 10, "unitPrice", 25.00)),
                    "tax",
                    0,
                    "total",
                    250.00))
            .post("/api/invoices")
            .then()
            .statusCode(201)
            .extract()
            .path("processInstanceId");
    managementService
        .createJobQuery()
        .processInstanceId(invoicePi)
        .list()
        .forEach(job -> managementService.executeJob(job.getId()));

    asIntegration()
        .get("/api/invoices/{vendor}/{number}", vendorId, "INV-1")
        .then()
        .statusCode(200)
        .body("status", equalTo("SCHEDULED_FOR_PAYMENT"))
        .body("paymentDate", equalTo("2026-12-02"));
  }

  private void complete(
      String pi, String taskKey, String user, List<String> groups, Map<String, Object> vars) {
    Task task =
        taskService
            .createTaskQuery()
            .processInstanceId(pi)
            .taskDefinitionKey(taskKey)
            .singleResult();
    identityService.setAuthentication(user, groups);
    try {
      taskService.complete(task.getId(), Variables.fromMap(vars));
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void aContractLegalReviewedNamesLegalAsReviewerAndTheAgentAuditHasTheVerdict() {
    Map<String, Object> body = validBody();
    body.put("contractText", VendorRequests.CONTRACT_WITHOUT_DATA_PROCESSING_CLAUSE);
    String id = submit(body);
    String pi = applications.get(id).processInstanceId();
    asIntegration()
        .get(APPLICATIONS + "/{id}", id)
        .then()
        .statusCode(200)
        .body("contractReview", nullValue())
        .body("decisions.decision", not(hasItem("CONTRACT_REVIEW")));

    complete(
        pi,
        "ReviewContractTask",
        DemoUsers.LEO,
        List.of("legal"),
        Map.of(
            "dataProcessingClausePresent",
            true,
            "contractReviewAgreed",
            false,
            "contractReviewOutcome",
            "ACCEPTED",
            "contractReviewComment",
            "the data processing agreement is a separate document"));

    asIntegration()
        .get(APPLICATIONS + "/{id}", id)
        .then()
        .statusCode(200)
        .body("contractReview.outcome", equalTo("ACCEPTED"))
        .body("contractReview.paymentTerms", equalTo("net 45 days"))
        .body("contractReview.liabilityCap", equalTo("EUR 250000.00"))
        .body("contractReview.dataProcessingClause", equalTo(true))
        .body("contractReview.reviewedBy", equalTo(DemoUsers.LEO));
    asIntegration()
        .queryParam("processInstanceId", pi)
        .get("/api/audit/agent-actions")
        .then()
        .statusCode(200)
        .body("$", hasSize(1))
        .body("[0].activityId", equalTo("AgentReviewContractTask"))
        .body("[0].routedToPerson", equalTo(true))
        .body("[0].output.proposal.missing", equalTo(List.of("dataProcessingClause")))
        .body("[0].decidedBy", equalTo(DemoUsers.LEO))
        .body("[0].humanDecision", equalTo("disagree"))
        .body("[0].agrees", equalTo(false));
  }

  @Test
  void aDuplicateSaysWhichApplicationItDuplicates() {
    Map<String, Object> first = validBody();
    String firstId = submit(first);
    Map<String, Object> second = validBody();
    second.put("iban", first.get("iban"));
    String secondId =
        asIntegration()
            .body(second)
            .post(APPLICATIONS)
            .then()
            .statusCode(201)
            .body("status", equalTo("DUPLICATE"))
            .extract()
            .path("applicationId");
    asIntegration()
        .get(APPLICATIONS + "/{id}", secondId)
        .then()
        .statusCode(200)
        .body("status", equalTo("DUPLICATE"))
        .body("duplicateOf.kind", equalTo("APPLICATION"))
        .body("duplicateOf.id", equalTo(firstId))
        .body("duplicateOf.matchedOn", equalTo("IBAN"))
        .body("closingReason", containsString(firstId));
  }

  @Test
  void aSanctionsHitIsAnsweredAsBlocked() {
    Map<String, Object> body = validBody();
    body.put("legalName", "Northern Meridian Shipping Company Limited");
    String id =
        asIntegration()
            .body(body)
            .post(APPLICATIONS)
            .then()
            .statusCode(201)
            .body("status", equalTo("BLOCKED_SANCTIONS"))
            .extract()
            .path("applicationId");
    asIntegration()
        .get(APPLICATIONS + "/{id}", id)
        .then()
        .body("screening.outcome", equalTo("HIT"))
        .body("screening.matchedName", equalTo("Northern Meridian Shipping Ltd"))
        .body("screening.entryReference", notNullValue());
  }

  // --- 400 per field ------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "legalName|''|must not be blank",
        "country|XX|ISO 3166-1",
        "country|de|ISO 3166-1",
        "vatId|DE136695978|check digits",
        "vatId|FR40303265045|does not match country DE",
        "vatId|DE12345|format",
        "iban|GB82TEST12345698765432|check digits",
        "iban|DE8937040044053201300|length",
        "iban|XX89370400440532013000|country",
        "contactEmail|not-an-address|email address",
        "category|TOYS|must be one of",
        "annualSpend|-1|greater than or equal to 0",
        "contractText|'   '|must not be blank",
        "requestedBy|''|must not be blank"
      })
  void aBadFieldIsNamedInTheProblem(String field, String value, String message) {
    Map<String, Object> body = validBody();
    body.put(field, field.equals("annualSpend") ? Integer.valueOf(value) : value);
    asIntegration()
        .body(body)
        .post(APPLICATIONS)
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors", hasSize(1))
        .body("errors[0].field", equalTo(field))
        .body("errors[0].message", containsString(message));
  }

  @Test
  void missingFieldsAreAllNamedAtOnce() {
    Map<String, Object> body = validBody();
    body.remove("dataAccess");
    body.remove("annualSpend");
    body.put("iban", "DE00");
    body.put("country", "ZZ");
    asIntegration()
        .body(body)
        .post(APPLICATIONS)
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", hasItems("dataAccess", "annualSpend", "iban", "country"));
  }

  @Test
  void aNumberFieldWithTextIsNamed() {
    Map<String, Object> body = validBody();
    body.put("annualSpend", "a lot");
    asIntegration()
        .body(body)
        .post(APPLICATIONS)
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors.field", hasItem("annualSpend"));
  }

  @Test
  void malformedJsonIsABadRequest() {
    asIntegration()
        .body("{\"legalName\": ")
        .post(APPLICATIONS)
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors[0].field", equalTo("body"));
  }

  @Test
  void aRefusedApplicationWritesNothing() {
    Map<String, Object> body = validBody();
    body.put("iban", "GB82TEST12345698765432");
    Integer before = countApplications();
    asIntegration().body(body).post(APPLICATIONS).then().statusCode(400);
    assertThat(countApplications()).isEqualTo(before);
  }

  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  private Integer countApplications() {
    return jdbc.sql("SELECT COUNT(*) FROM vendor_application").query(Integer.class).single();
  }

  // --- 401 / 403 / 404 ---------------------------------------------------------------------

  @Test
  void withoutCredentialsTheAnswerIs401() {
    anonymous()
        .body(validBody())
        .post(APPLICATIONS)
        .then()
        .statusCode(401)
        .contentType(PROBLEM_JSON);
    anonymous().get(APPLICATIONS + "/{id}", "x").then().statusCode(401);
  }

  @Test
  void aUserOutsideTheApiGroupsGets403() {
    as(DemoUsers.ALICE)
        .body(validBody())
        .post(APPLICATIONS)
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON);
    as(DemoUsers.PAUL).get("/api/vendors/{id}", "VEN-000001").then().statusCode(403);
  }

  @Test
  void anUnknownApplicationIs404() {
    asIntegration()
        .get(APPLICATIONS + "/{id}", "00000000-0000-0000-0000-000000000000")
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .body("detail", containsString("00000000-0000-0000-0000-000000000000"))
        .body("instance", endsWith("00000000-0000-0000-0000-000000000000"));
  }

  @Test
  void anUnknownVendorIs404() {
    asIntegration()
        .get("/api/vendors/{id}", "VEN-999999999")
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON);
  }
}
