package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.handoff.agent.audit.AgentAuditRepository;
import io.handoff.platform.api.TextLimits;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.LongTexts;
import io.handoff.support.RestTestSupport;
import io.handoff.support.TasklistApi;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Supplier contracts of real length (beyond the engine's 4,000-character strings, up to the
 * documented 200,000) start onboarding from the Tasklist's start form and from REST, and reach
 * legal's review form and the agent's contract review in full; a longer one is refused with nothing
 * written. Non-ASCII text included, on H2 and PostgreSQL.
 */
@HandoffSpringTest
class LongContractTest extends RestTestSupport {

  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired AgentAuditRepository audit;

  /** A contract legal must review (no data-processing clause), made {@code length} long. */
  private static String contract(int length) {
    String start = VendorRequests.CONTRACT_WITHOUT_DATA_PROCESSING_CLAUSE;
    return start + LongTexts.of(length - start.length(), "Annex 1: sites and schedules");
  }

  private static Map<String, Object> startForm(String legalName, String contract) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("legalName", legalName);
    values.put("country", "DE");
    values.put("vatId", VendorRequests.freshGermanVatId());
    values.put("iban", VendorRequests.freshGermanIban());
    values.put("contactEmail", "sales@long-contract.example");
    values.put("category", "OFFICE_SUPPLIES");
    values.put("annualSpend", 12000);
    values.put("dataAccess", false);
    values.put("contractText", contract);
    return values;
  }

  private static Response submitStartForm(TasklistApi tasklist, Map<String, Object> values) {
    return tasklist
        .request()
        .body(Map.of("variables", io.handoff.support.EngineVariables.of(values)))
        .post(TasklistApi.ENGINE + "/process-definition/key/vendor-onboarding/submit-form");
  }

  @Test
  void sixThousandCharacterContractFromTheTasklistStartFormReachesLegalAndTheAgentInFull()
      throws Exception {
    String legalName = "Langtext Papier GmbH " + UUID.randomUUID().toString().substring(0, 8);
    String contract = contract(6_000);
    TasklistApi paul = TasklistApi.login(DemoUsers.PAUL);

    String pi =
        submitStartForm(paul, startForm(legalName, contract))
            .then()
            .statusCode(200)
            .extract()
            .path("id");

    String applicationId = applicationOf(legalName);
    assertThat(storedContract(applicationId)).hasSize(6_000).isEqualTo(contract);
    // The contract lives in the application table; the process keeps no copy of its own.
    assertThat(runtimeService.getVariable(pi, "contractText")).isNull();
    assertThat(audit.findByProcessInstance(pi))
        .singleElement()
        .satisfies(a -> assertThat(a.inputDigest()).isEqualTo(sha256(contract)));

    TasklistApi leo = TasklistApi.login(DemoUsers.LEO);
    String review = task(pi, "ReviewContractTask");
    leo.request()
        .get(TasklistApi.ENGINE + "/task/{id}/form-variables", review)
        .then()
        .statusCode(200)
        .body("contractText.type", equalTo("String"))
        .body("contractText.value", equalTo(contract));

    // Legal's comment, 15,000 characters, is kept in full: in the decision audit and, as the
    // application is rejected, in its closing reason.
    String comment = LongTexts.of(15_000, "Rejected: the annex moves all risk to us");
    leo.submitForm(
            review,
            Map.of(
                "paymentTerms",
                "net 45 days",
                "liabilityCap",
                "EUR 250,000 per year",
                "dataProcessingClausePresent",
                false,
                "contractReviewAgreed",
                true,
                "contractReviewOutcome",
                "REJECTED",
                "contractReviewComment",
                comment))
        .then()
        .statusCode(204);
    Map<String, Object> closed =
        jdbc.sql("SELECT status, closing_reason FROM vendor_application WHERE application_id = ?")
            .param(applicationId)
            .query()
            .singleRow();
    assertThat(closed.get("status")).isEqualTo("REJECTED");
    assertThat(text(closed.get("closing_reason")))
        .isEqualTo("Contract rejected by legal: " + comment);
    String details =
        jdbc.sql("SELECT inputs FROM decision_ledger WHERE subject = ? AND decided_by = ?")
            .params(applicationId, "person:" + DemoUsers.LEO)
            .query((rs, n) -> rs.getString(1))
            .single();
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(details)
                .findValue("comment")
                .asText())
        .isEqualTo(comment);
  }

  @Test
  void contractsOfSixThousandAndTwoHundredThousandCharactersThroughRestArriveInFull() {
    for (int length : new int[] {6_001, VendorApplicationRequest.CONTRACT_TEXT_MAX}) {
      String contract = contract(length);
      VendorApplicationRequest request =
          VendorRequests.withContract(VendorRequests.lowRisk(DemoUsers.PAUL), contract);
      Response created =
          asIntegration()
              .body(request)
              .post("/api/vendor-applications")
              .then()
              .statusCode(201)
              .extract()
              .response();
      String applicationId = created.path("applicationId");
      String pi = created.path("processInstanceId");

      assertThat(storedContract(applicationId)).hasSize(length).isEqualTo(contract);
      assertThat(audit.findByProcessInstance(pi))
          .singleElement()
          .satisfies(a -> assertThat(a.inputDigest()).isEqualTo(sha256(contract)));
      String review = task(pi, "ReviewContractTask");
      TasklistApi.login(DemoUsers.LENA)
          .request()
          .get(TasklistApi.ENGINE + "/task/{id}/form-variables", review)
          .then()
          .statusCode(200)
          .body("contractText.value", equalTo(contract));
    }
  }

  @Test
  void contractOverTheMaximumIsRefusedNamingTheFieldAndNothingIsWritten() {
    String legalName = "Zu Lang AG " + UUID.randomUUID().toString().substring(0, 8);
    String contract = contract(VendorApplicationRequest.CONTRACT_TEXT_MAX + 1);
    VendorApplicationRequest base = VendorRequests.lowRisk(DemoUsers.PAUL);
    VendorApplicationRequest request =
        new VendorApplicationRequest(
            legalName,
            base.country(),
            base.vatId(),
            base.iban(),
            base.contactEmail(),
            base.category(),
            base.annualSpend(),
            base.dataAccess(),
            contract,
            base.requestedBy());
    asIntegration()
        .body(request)
        .post("/api/vendor-applications")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("contractText"));

    // The same contract pasted into the start form: refused before anything starts.
    submitStartForm(TasklistApi.login(DemoUsers.PAUL), startForm(legalName, contract))
        .then()
        .statusCode(400)
        .body("message", containsString("contractText: must be at most 200,000 characters"));

    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM vendor_application WHERE legal_name = ?")
                .param(legalName)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM act_hi_varinst WHERE name_ = 'legalName' AND text_ = ?")
                .param(legalName)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void theContractMaximumIsInTheOpenApiDocument() {
    as(DemoUsers.ADMIN)
        .get("/v3/api-docs")
        .then()
        .statusCode(200)
        .body("info.description", containsString("200,000 characters"))
        .body(
            "components.schemas.VendorApplicationRequest.properties.contractText.maxLength",
            equalTo(VendorApplicationRequest.CONTRACT_TEXT_MAX))
        .body(
            "components.schemas.VendorApplicationRequest.properties.contractText.description",
            containsString("200,000"));
  }

  @Test
  void theFormsDeclareTheDocumentedContractMaximum() throws Exception {
    for (String form : new String[] {"vendor-onboarding-start.form", "correct-vendor-data.form"}) {
      String json =
          java.nio.file.Files.readString(java.nio.file.Path.of("forms/vendor-onboarding", form));
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).findValues("key"))
          .isNotEmpty();
      assertThat(maxLength(json, "contractText"))
          .as(form)
          .isEqualTo(VendorApplicationRequest.CONTRACT_TEXT_MAX);
    }
    assertThat(TextLimits.COMMENT_MAX).isGreaterThan(10_000);
  }

  // ------------------------------------------------------------------ helpers

  static int maxLength(String formJson, String key) throws Exception {
    for (var component :
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(formJson).findParents("key")) {
      if (key.equals(component.path("key").asText())) {
        return component.path("validate").path("maxLength").asInt(-1);
      }
    }
    throw new AssertionError("no field " + key);
  }

  private String applicationOf(String legalName) {
    return jdbc.sql("SELECT application_id FROM vendor_application WHERE legal_name = ?")
        .param(legalName)
        .query(String.class)
        .single();
  }

  private String storedContract(String applicationId) {
    return jdbc.sql("SELECT contract_text FROM vendor_application WHERE application_id = ?")
        .param(applicationId)
        .query((rs, n) -> rs.getString(1))
        .single();
  }

  private String task(String processInstanceId, String key) {
    return taskService
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey(key)
        .singleResult()
        .getId();
  }

  private static String text(Object value) throws Exception {
    return value instanceof java.sql.Clob clob
        ? clob.getSubString(1, (int) clob.length())
        : (String) value;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
