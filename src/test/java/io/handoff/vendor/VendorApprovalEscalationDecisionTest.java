package io.handoff.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.HandoffSpringTest;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The escalation path of each approval group ({@code vendor-approval-escalation}), rule by rule
 * through the engine's decision service: the levels in rule order, each a lead or a group, and the
 * administrators as the last level of every group.
 */
@HandoffSpringTest
class VendorApprovalEscalationDecisionTest {

  @Autowired DecisionService decisionService;
  @Autowired ApprovalEscalation escalation;

  private List<String> path(String group) {
    DmnDecisionResult result =
        decisionService
            .evaluateDecisionByKey(ApprovalEscalation.DECISION)
            .variables(Variables.createVariables().putValue("approvalGroup", group))
            .evaluate();
    return result.stream()
        .map(
            r ->
                r.get("escalationLevel")
                    + ":"
                    + (r.get("escalateToUser") != null
                        ? "user " + r.get("escalateToUser")
                        : "group " + r.get("escalateToGroup")))
        .toList();
  }

  @Test
  void procurementGoesToTheFinanceDirectorsThenTheAdministrators() {
    // ProcurementLevel1Rule, ProcurementLevel2Rule, AdministratorsLastLevelRule
    assertThat(path("procurement"))
        .containsExactly("1:user fiona", "2:user frank", "9:group camunda-admin");
  }

  @Test
  void financeDirectorsGoToTheAdministratorThenTheAdministrators() {
    // FinanceDirectorsLevel1Rule, AdministratorsLastLevelRule
    assertThat(path("finance-directors")).containsExactly("1:user demo", "9:group camunda-admin");
  }

  @Test
  void complianceGoesToTheAdministratorThenTheAdministrators() {
    // ComplianceLevel1Rule, AdministratorsLastLevelRule
    assertThat(path("compliance")).containsExactly("1:user demo", "9:group camunda-admin");
  }

  @Test
  void securityOperationsGoToTheItManagersThenTheAdministrators() {
    // SecurityOpsLevel1Rule, SecurityOpsLevel2Rule, AdministratorsLastLevelRule
    assertThat(path("security-ops"))
        .containsExactly("1:user ian", "2:user iris", "9:group camunda-admin");
  }

  @Test
  void legalGoesToTheAdministratorThenTheAdministrators() {
    // LegalLevel1Rule, AdministratorsLastLevelRule
    assertThat(path("legal")).containsExactly("1:user demo", "9:group camunda-admin");
  }

  @Test
  void aGroupWithoutRulesOfItsOwnGoesToTheAdministrators() {
    // AdministratorsLastLevelRule alone
    assertThat(path("marketing")).containsExactly("9:group camunda-admin");
  }

  @Test
  void thePathIsReadInRuleOrderAsLevels() {
    assertThat(escalation.pathOf(null, "procurement"))
        .containsExactly(
            new ApprovalEscalation.Level(1, "fiona", null),
            new ApprovalEscalation.Level(2, "frank", null),
            new ApprovalEscalation.Level(9, null, "camunda-admin"));
  }

  @Test
  void everyGroupTheRiskTableCanRequireHasALeadBeforeTheAdministrators() {
    for (String group : List.of("procurement", "finance-directors", "compliance", "security-ops")) {
      assertThat(escalation.pathOf(null, group).get(0).user()).as(group).isNotNull();
    }
  }
}
