package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.HandoffSpringTest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The incident DMN tables, cell by cell, through the engine's decision service. */
@HandoffSpringTest
class IncidentDecisionTablesTest {

  @Autowired DecisionService decisionService;

  private Map<String, Object> evaluate(String key, Map<String, Object> inputs) {
    DmnDecisionResult result =
        decisionService.evaluateDecisionByKey(key).variables(inputs).evaluate();
    assertThat(result).hasSize(1);
    return result.getSingleResult().getEntryMap();
  }

  private String priority(String impact, String urgency, String category) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("impact", impact);
    inputs.put("urgency", urgency);
    inputs.put("category", category);
    return (String) evaluate(IncidentDecisions.PRIORITY, inputs).get("priority");
  }

  @ParameterizedTest(name = "{0} impact x {1} urgency is {2} ({3} for security)")
  @CsvSource({
    "HIGH,   HIGH,   P1, P1",
    "HIGH,   MEDIUM, P2, P2",
    "MEDIUM, HIGH,   P2, P2",
    "HIGH,   LOW,    P3, P2",
    "MEDIUM, MEDIUM, P3, P2",
    "LOW,    HIGH,   P3, P2",
    "MEDIUM, LOW,    P4, P2",
    "LOW,    MEDIUM, P4, P2",
    "LOW,    LOW,    P5, P2"
  })
  void priorityFollowsTheItilMatrixAndSecurityIsNeverBelowP2(
      String impact, String urgency, String priority, String securityPriority) {
    assertThat(priority(impact, urgency, null)).isEqualTo(priority);
    assertThat(priority(impact, urgency, "network")).isEqualTo(priority);
    assertThat(priority(impact, urgency, "database")).isEqualTo(priority);
    assertThat(priority(impact, urgency, "security")).isEqualTo(securityPriority);
  }

  @ParameterizedTest(name = "{0}: respond within {1}, resolve within {2}")
  @CsvSource({
    "P1, PT15M, PT4H",
    "P2, PT30M, PT8H",
    "P3, PT4H,  P3D",
    "P4, PT8H,  P5D",
    "P5, P1D,   P10D"
  })
  void slaTargetsPerPriorityAreIsoDurations(String priority, String respond, String resolve) {
    Map<String, Object> targets =
        evaluate(IncidentDecisions.SLA_TARGETS, Map.of("priority", priority));
    assertThat(targets)
        .containsEntry("respondWithin", respond)
        .containsEntry("resolveWithin", resolve);
    assertThat(java.time.Duration.parse(resolve)).isPositive();
  }

  @ParameterizedTest(name = "{0} / {1}: {2} -> {3} -> {4}")
  @CsvSource({
    "network,     NONE,            network-ops,  security-ops, it-managers",
    "hardware,    NONE,            service-desk, network-ops,  it-managers",
    "access,      NONE,            service-desk, security-ops, it-managers",
    "application, NONE,            app-support,  database-ops, it-managers",
    "database,    NONE,            database-ops, app-support,  it-managers",
    "security,    NONE,            security-ops, it-managers,  it-managers",
    "access,      PASSWORD_RESET,  service-desk, security-ops, it-managers",
    "network,     ACCOUNT_LOCKOUT, service-desk, security-ops, it-managers",
    "printing,    NONE,            service-desk, app-support,  it-managers"
  })
  void assignmentGivesTheEscalationChainPerCategory(
      String category, String knownRequest, String first, String second, String top) {
    Map<String, Object> chain =
        evaluate(
            IncidentDecisions.ASSIGNMENT,
            Map.of("category", category, "knownRequest", knownRequest));
    assertThat(chain)
        .containsEntry("firstLevelGroup", first)
        .containsEntry("secondLevelGroup", second)
        .containsEntry("topLevelGroup", top);
  }

  @ParameterizedTest(name = "agent label {0} with {1} from intake -> {2} / {3}")
  @CsvSource({
    "network,        NONE,            network,     NONE",
    "hardware,       NONE,            hardware,    NONE",
    "access,         NONE,            access,      NONE",
    "application,    NONE,            application, NONE",
    "security,       NONE,            security,    NONE",
    "database,       NONE,            database,    NONE",
    "password-reset, NONE,            access,      PASSWORD_RESET",
    "network,        PASSWORD_RESET,  access,      PASSWORD_RESET",
    "password-reset, ACCOUNT_LOCKOUT, access,      ACCOUNT_LOCKOUT"
  })
  void agentLabelMapsToCategoryAndPasswordResetsToAutomaticRemediation(
      String label, String intakeRequest, String category, String knownRequest) {
    Map<String, Object> mapped =
        evaluate(
            IncidentDecisions.AGENT_CATEGORY,
            Map.of("categoryProposal", label, "knownRequest", intakeRequest));
    assertThat(mapped)
        .containsEntry("category", category)
        .containsEntry("knownRequest", knownRequest);
  }

  @org.junit.jupiter.api.Test
  void unknownAgentLabelMatchesNoRule() {
    assertThat(
            decisionService
                .evaluateDecisionByKey(IncidentDecisions.AGENT_CATEGORY)
                .variables(Map.of("categoryProposal", "printing", "knownRequest", "NONE"))
                .evaluate())
        .isEmpty();
  }
}
