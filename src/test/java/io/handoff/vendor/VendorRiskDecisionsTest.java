package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.HandoffSpringTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The onboarding's DMN tables, rule by rule, through the engine's decision service. */
@HandoffSpringTest
class VendorRiskDecisionsTest {

  @Autowired DecisionService decisionService;

  private DmnDecisionResult evaluate(String key, Map<String, Object> variables) {
    return decisionService.evaluateDecisionByKey(key).variables(variables).evaluate();
  }

  private static Map<String, Object> vendor(
      String country, String category, String spend, boolean dataAccess, String screening) {
    return Variables.createVariables()
        .putValue("country", country)
        .putValue("category", category)
        .putValue("annualSpend", new BigDecimal(spend))
        .putValue("dataAccess", dataAccess)
        .putValue("screeningOutcome", screening);
  }

  // sanctions-screening-outcome

  @ParameterizedTest(name = "score {0} -> {1}")
  @CsvSource({
    "1.0, HIT",
    "0.95, HIT",
    "0.9499, POSSIBLE_MATCH",
    "0.90, POSSIBLE_MATCH",
    "0.85, POSSIBLE_MATCH",
    "0.8499, CLEAR",
    "0.0, CLEAR"
  })
  void theScreeningScoreIsClassifiedAtTheThresholds(double score, String outcome) {
    assertThat(
            evaluate(
                    "sanctions-screening-outcome",
                    Variables.createVariables().putValue("screeningScore", score))
                .getSingleResult()
                .<String>getSingleEntry())
        .isEqualTo(outcome);
  }

  // country-risk

  @ParameterizedTest(name = "{0} is {1} risk")
  @CsvSource({
    "IR, HIGH",
    "RU, HIGH",
    "KP, HIGH",
    "TR, MEDIUM",
    "AE, MEDIUM",
    "DE, LOW",
    "US, LOW",
    "GB, LOW",
    "BO, MEDIUM"
  })
  void eachCountryRiskRule(String country, String risk) {
    assertThat(
            evaluate("country-risk", Variables.createVariables().putValue("country", country))
                .getSingleResult()
                .<String>getSingleEntry())
        .isEqualTo(risk);
  }

  // vendor-risk-tier (each rule, in table order)

  @ParameterizedTest(name = "{5}: {0} {1} {2} data={3} {4} -> {6}")
  @CsvSource({
    "IR, OFFICE_SUPPLIES, 1000, false, CLEAR, HighRiskCountryTierRule, HIGH",
    "DE, OFFICE_SUPPLIES, 1000, false, POSSIBLE_MATCH, ClearedMatchTierRule, HIGH",
    "DE, OFFICE_SUPPLIES, 500000, false, CLEAR, StrategicSpendTierRule, HIGH",
    "DE, SOFTWARE, 1000, true, CLEAR, ItDataAccessTierRule, HIGH",
    "DE, CLOUD, 1000, true, CLEAR, ItDataAccessTierRule, HIGH",
    "TR, OFFICE_SUPPLIES, 1000, false, CLEAR, MediumRiskCountryTierRule, MEDIUM",
    "DE, OFFICE_SUPPLIES, 50000, false, CLEAR, MaterialSpendTierRule, MEDIUM",
    "DE, MARKETING, 1000, true, CLEAR, DataAccessTierRule, MEDIUM",
    "DE, OFFICE_SUPPLIES, 49999.99, false, CLEAR, DefaultLowTierRule, LOW",
    "US, CONSULTING, 0, false, CLEAR, DefaultLowTierRule, LOW"
  })
  void eachRiskTierRule(
      String country,
      String category,
      String spend,
      boolean dataAccess,
      String screening,
      String rule,
      String tier) {
    assertThat(
            evaluate("vendor-risk-tier", vendor(country, category, spend, dataAccess, screening))
                .getSingleResult()
                .<String>getSingleEntry())
        .as(rule)
        .isEqualTo(tier);
  }

  // vendor-required-approvals (COLLECT)

  private List<Object> approvals(Map<String, Object> vendor) {
    return evaluate("vendor-required-approvals", vendor).collectEntries("approvalGroup");
  }

  @Test
  void lowRiskNeedsProcurementOnly() {
    assertThat(approvals(vendor("DE", "OFFICE_SUPPLIES", "1000", false, "CLEAR")))
        .containsExactly("procurement");
  }

  @Test
  void mediumRiskNeedsProcurementAndFinanceDirectors() {
    assertThat(approvals(vendor("DE", "OFFICE_SUPPLIES", "60000", false, "CLEAR")))
        .containsExactly("procurement", "finance-directors");
  }

  @Test
  void mediumRiskWithDataAccessNeedsNoSecurityApproval() {
    assertThat(approvals(vendor("DE", "MARKETING", "1000", true, "CLEAR")))
        .containsExactly("procurement", "finance-directors");
  }

  @Test
  void highRiskNeedsComplianceToo() {
    assertThat(approvals(vendor("DE", "OFFICE_SUPPLIES", "600000", false, "CLEAR")))
        .containsExactly("procurement", "finance-directors", "compliance");
  }

  @Test
  void highRiskWithDataAccessNeedsSecurityOperationsToo() {
    assertThat(approvals(vendor("DE", "SOFTWARE", "1000", true, "CLEAR")))
        .containsExactly("procurement", "finance-directors", "compliance", "security-ops");
  }
}
