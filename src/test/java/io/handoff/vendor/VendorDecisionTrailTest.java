package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.handoff.support.RestTestSupport;
import io.handoff.vendor.store.VendorApplications;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rules of vendor onboarding as business rule tasks: each table's evaluation in the trail with
 * its version and inputs, running applications kept on the table versions they started with, and
 * results that nobody can hand to the process in advance.
 */
@HandoffSpringTest
class VendorDecisionTrailTest extends RestTestSupport {

  static final Path RISK_TABLES =
      Path.of("processes/vendor-onboarding/vendor-risk-and-approvals.dmn");
  static final String APPLICATIONS = "/api/vendor-applications";

  @Autowired VendorApplications applications;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;

  private static Map<String, Object> body(VendorApplicationRequest r) {
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

  private String submit(VendorApplicationRequest r) {
    return asIntegration()
        .body(body(r))
        .post(APPLICATIONS)
        .then()
        .statusCode(201)
        .extract()
        .path("applicationId");
  }

  /** A name close to a listed one: the screening finds a possible match for compliance. */
  private static VendorApplicationRequest possibleMatch() {
    return VendorRequests.request(
        "Global Horizont Trade LLC", "OFFICE_SUPPLIES", new BigDecimal("5000"), false, "erin");
  }

  private JsonPath trail(String applicationId) {
    return as(DemoUsers.AUDREY)
        .get("/api/processes/vendor-onboarding/business-keys/{bk}/decisions", applicationId)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .jsonPath();
  }

  private Task task(String processInstanceId, String key) {
    return taskService
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey(key)
        .singleResult();
  }

  /** Compliance clears the possible match in the Tasklist's way: claim, then complete the form. */
  private void clearMatch(String processInstanceId) {
    String taskId = task(processInstanceId, "ReviewSanctionsMatchTask").getId();
    as(DemoUsers.CLARA)
        .body(Map.of("userId", DemoUsers.CLARA))
        .post("/engine-rest/task/{id}/claim", taskId)
        .then()
        .statusCode(204);
    as(DemoUsers.CLARA)
        .body(
            Map.of(
                "variables",
                Map.of(
                    "sanctionsReviewOutcome",
                    Map.of("value", "CLEARED", "type", "String"),
                    "sanctionsReviewComment",
                    Map.of("value", "a different company", "type", "String"))))
        .post("/engine-rest/task/{id}/complete", taskId)
        .then()
        .statusCode(204);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int version(String decidedBy) {
    return Integer.parseInt(decidedBy.substring(decidedBy.lastIndexOf(':') + 1));
  }

  private static Map<String, Object> entry(JsonPath trail, String decision) {
    return trail.getMap("decisions.find { it.decision == '" + decision + "' }");
  }

  @Test
  void theTrailShowsEveryRuleOfAnApplicationWithItsStepVersionAndInputs() {
    String id = submit(VendorRequests.lowRisk(DemoUsers.ERIN));
    JsonPath trail = trail(id);

    List<String> rules =
        trail.getList("decisions.findAll { it.decider == 'RULE' }.decision", String.class);
    assertThat(rules)
        .containsSubsequence(
            "sanctions-screening-outcome",
            "country-risk",
            "vendor-risk-tier",
            "vendor-required-approvals");
    Map<String, String> stepOf =
        Map.of(
            "sanctions-screening-outcome", "ClassifyScreeningResultTask",
            "country-risk", "AssessCountryRiskTask",
            "vendor-risk-tier", "AssessRiskTierTask",
            "vendor-required-approvals", "DetermineRequiredApprovalsTask");
    stepOf.forEach(
        (decision, step) -> {
          Map<String, Object> e = entry(trail, decision);
          assertThat(e.get("step")).as(decision).isEqualTo(step);
          String decidedBy = (String) e.get("decidedBy");
          assertThat(decidedBy).startsWith("rule:" + decision + ":");
          int deployed =
              repositoryService
                  .createDecisionDefinitionQuery()
                  .decisionDefinitionKey(decision)
                  .list()
                  .stream()
                  .mapToInt(d -> d.getVersion())
                  .max()
                  .orElseThrow();
          assertThat(version(decidedBy)).as(decision).isBetween(1, deployed);
        });
    assertThat(trail.getString("decisions.find { it.decision == 'country-risk' }.inputs.country"))
        .isEqualTo("DE");
    assertThat(
            trail.getString(
                "decisions.find { it.decision == 'vendor-risk-tier' }.inputs.screeningOutcome"))
        .isEqualTo("CLEAR");
    assertThat(
            trail.getString(
                "decisions.find { it.decision == 'vendor-risk-tier' }.outcome.riskTier"))
        .isEqualTo("LOW");
    assertThat(
            trail.getString(
                "decisions.find { it.decision == 'vendor-required-approvals' }"
                    + ".outcome.approvalGroup"))
        .isEqualTo("procurement");

    // What the tables decided is what the application says, and no raw result is left behind.
    as(DemoUsers.INTEGRATION)
        .get(APPLICATIONS + "/{id}", id)
        .then()
        .statusCode(200)
        .body("screening.outcome", equalTo("CLEAR"))
        .body("countryRisk", equalTo("LOW"))
        .body("riskTier", equalTo("LOW"))
        .body("requiredApprovals", equalTo(List.of("procurement")));
    String pi = applications.get(id).processInstanceId();
    assertThat(runtimeService.getVariables(pi))
        .doesNotContainKeys(
            VendorOnboardingVariables.SCREENING_OUTCOME_RESULT,
            VendorOnboardingVariables.COUNTRY_RISK_RESULT,
            VendorOnboardingVariables.RISK_TIER_RESULT,
            VendorOnboardingVariables.REQUIRED_APPROVALS_RESULT);
  }

  @Test
  void aRiskTierTableRedeployedMidFlightDecidesNewApplicationsOnlyRunningOnesKeepTheirVersion() {
    String original = read(RISK_TABLES);
    String rule = "<outputEntry id=\"ClearedMatchTierRule_out0\">\n          <text>\"HIGH\"</text>";
    assertThat(original).contains(rule);
    String edited =
        original.replace(
            rule,
            "<outputEntry id=\"ClearedMatchTierRule_out0\">\n          <text>\"MEDIUM\"</text>");

    String running = submit(possibleMatch());
    String runningPi = applications.get(running).processInstanceId();
    assertThat(task(runningPi, "ReviewSanctionsMatchTask")).isNotNull();
    // as Camunda Modeler deploys it: the file alone
    repositoryService
        .createDeployment()
        .name("vendor-onboarding")
        .addString("vendor-risk-and-approvals.dmn", edited)
        .deploy();
    try {
      String started = submit(possibleMatch());
      String startedPi = applications.get(started).processInstanceId();
      clearMatch(runningPi);
      clearMatch(startedPi);

      assertThat(applications.get(running).riskTier()).isEqualTo("HIGH");
      assertThat(applications.get(started).riskTier()).isEqualTo("MEDIUM");
      String before = (String) entry(trail(running), "vendor-risk-tier").get("decidedBy");
      String after = (String) entry(trail(started), "vendor-risk-tier").get("decidedBy");
      assertThat(version(after)).isGreaterThan(version(before));
      // the running application's approvals follow its own (old) tier: compliance approves too
      assertThat(applications.get(running).requiredApprovals()).contains("compliance");
    } finally {
      repositoryService
          .createDeployment()
          .name("vendor-onboarding")
          .addString("vendor-risk-and-approvals.dmn", original)
          .deploy();
    }
  }

  @Test
  void resultsWrittenOverTheEngineApiBeforeTheRulesRunDoNotChangeWhatTheyDecide() {
    String id = submit(possibleMatch());
    String pi = applications.get(id).processInstanceId();
    assertThat(task(pi, "ReviewSanctionsMatchTask")).isNotNull();
    Map<String, Object> low = Map.of("value", "LOW", "type", "String");
    Map<String, Object> onlyProcurement =
        Map.of(
            "value",
            "[\"procurement\"]",
            "type",
            "Object",
            "valueInfo",
            Map.of(
                "objectTypeName",
                "java.util.ArrayList",
                "serializationDataFormat",
                "application/json"));
    // An administrator can write variables; the rules do not read them.
    as(DemoUsers.ADMIN)
        .body(low)
        .put("/engine-rest/process-instance/{id}/variables/riskTierResult", pi)
        .then()
        .statusCode(204);
    as(DemoUsers.ADMIN)
        .body(
            Map.of(
                "modifications",
                Map.of(
                    "requiredApprovalsResult", onlyProcurement,
                    "countryRiskResult", low,
                    "riskTier", low,
                    "screeningOutcome", Map.of("value", "CLEAR", "type", "String"),
                    "dataAccess", Map.of("value", false, "type", "Boolean"))))
        .post("/engine-rest/process-instance/{id}/variables", pi)
        .then()
        .statusCode(204);
    // and integrators cannot write them at all
    asIntegration()
        .body(low)
        .put("/engine-rest/process-instance/{id}/variables/riskTierResult", pi)
        .then()
        .statusCode(403);

    clearMatch(pi);

    VendorApplication a = applications.get(id);
    assertThat(a.riskTier()).isEqualTo("HIGH");
    assertThat(a.requiredApprovals()).contains("compliance", "procurement");
    assertThat(taskService.createTaskQuery().processInstanceId(pi).list())
        .extracting(t -> runtimeService.getVariable(t.getExecutionId(), "approvalGroup"))
        .contains("compliance");
    JsonPath trail = trail(id);
    assertThat(
            trail.getString(
                "decisions.find { it.decision == 'vendor-risk-tier' }.inputs.screeningOutcome"))
        .isEqualTo("POSSIBLE_MATCH");
    assertThat(runtimeService.getVariables(pi))
        .doesNotContainKeys("riskTierResult", "requiredApprovalsResult", "countryRiskResult")
        .containsEntry("riskTier", "HIGH");
  }

  @Test
  void resultsGivenAsStartVariablesDoNotChangeWhatTheRulesDecide() {
    VendorApplicationRequest r =
        VendorRequests.request(
            "Helix Data Services GmbH", "IT_SERVICES", new BigDecimal("250000"), true, "demo");
    Map<String, Object> variables = new LinkedHashMap<>();
    body(r).entrySet().stream()
        .filter(e -> !e.getKey().equals("requestedBy"))
        .forEach(e -> variables.put(e.getKey(), Map.of("value", e.getValue())));
    variables.put("annualSpend", Map.of("value", r.annualSpend(), "type", "Double"));
    variables.put("screeningOutcomeResult", Map.of("value", "CLEAR", "type", "String"));
    variables.put("riskTierResult", Map.of("value", "LOW", "type", "String"));
    variables.put("riskTier", Map.of("value", "LOW", "type", "String"));
    variables.put("countryRiskResult", Map.of("value", "LOW", "type", "String"));
    variables.put(
        "requiredApprovalsResult",
        Map.of(
            "value",
            "[\"procurement\"]",
            "type",
            "Object",
            "valueInfo",
            Map.of(
                "objectTypeName",
                "java.util.ArrayList",
                "serializationDataFormat",
                "application/json")));

    String pi =
        as(DemoUsers.ADMIN)
            .body(Map.of("variables", variables))
            .post("/engine-rest/process-definition/key/vendor-onboarding/start")
            .then()
            .statusCode(200)
            .extract()
            .path("id");

    VendorApplication a = applications.ofProcess(pi);
    // IT services with data access and a high spend: the tables' answer, not the given one
    assertThat(a.riskTier()).isEqualTo("HIGH");
    assertThat(a.requiredApprovals()).contains("compliance");
    assertThat(runtimeService.getVariables(pi))
        .doesNotContainKeys(
            "screeningOutcomeResult",
            "riskTierResult",
            "countryRiskResult",
            "requiredApprovalsResult")
        .containsEntry("riskTier", "HIGH");
  }
}
