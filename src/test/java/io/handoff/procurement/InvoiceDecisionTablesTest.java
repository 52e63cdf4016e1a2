package io.handoff.procurement;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.HandoffSpringTest;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The tolerance table and the approval matrix, rule by rule, through the decision service. */
@HandoffSpringTest
class InvoiceDecisionTablesTest {

  @Autowired DecisionService decisionService;

  private DmnDecisionResultEntries line(
      boolean onOrder, String aboveOrdered, String aboveReceived, String percent, String amount) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("onOrder", onOrder);
    inputs.put("quantityAboveOrdered", new BigDecimal(aboveOrdered));
    inputs.put("quantityAboveReceived", new BigDecimal(aboveReceived));
    inputs.put("quantityAboveUninvoiced", new BigDecimal(aboveReceived));
    inputs.put("priceVariancePercent", new BigDecimal(percent));
    inputs.put("priceVarianceAmount", new BigDecimal(amount));
    return decisionService
        .evaluateDecisionByKey("invoice-line-tolerance")
        .variables(inputs)
        .evaluate()
        .getSingleResult();
  }

  private String approvers(String total, String category, boolean matched) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("invoiceTotal", new BigDecimal(total));
    inputs.put("category", category);
    inputs.put("linesMatched", matched);
    return decisionService
        .evaluateDecisionByKey("invoice-approval-matrix")
        .variables(inputs)
        .evaluate()
        .getSingleResult()
        .getEntry("approverGroups");
  }

  private String escalation(String group) {
    return decisionService
        .evaluateDecisionByKey("invoice-approval-escalation")
        .variables(Map.of("approverGroup", group))
        .evaluate()
        .getSingleResult()
        .getEntry("escalationGroup");
  }

  @Test
  void departmentApprovalNobodyMayGiveGoesToFinanceDirectors() {
    assertThat(escalation("department-managers")).isEqualTo("finance-directors");
  }

  @Test
  void financeApprovalNobodyMayGiveGoesToTheAdministrators() {
    assertThat(escalation("finance-directors")).isEqualTo("camunda-admin");
  }

  @Test
  void anyOtherApprovingGroupEscalatesToTheAdministrators() {
    assertThat(escalation("cost-centre-owners")).isEqualTo("camunda-admin");
  }

  @Test
  void goodsAlreadyBilledByOtherInvoicesAreNotPaidAgain() {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("onOrder", true);
    inputs.put("quantityAboveOrdered", BigDecimal.ZERO);
    inputs.put("quantityAboveReceived", BigDecimal.ZERO);
    inputs.put("quantityAboveUninvoiced", new BigDecimal("4"));
    inputs.put("priceVariancePercent", BigDecimal.ZERO);
    inputs.put("priceVarianceAmount", BigDecimal.ZERO);
    DmnDecisionResultEntries result =
        decisionService
            .evaluateDecisionByKey("invoice-line-tolerance")
            .variables(inputs)
            .evaluate()
            .getSingleResult();
    assertThat((String) result.getEntry("lineResult")).isEqualTo("ALREADY_INVOICED");
  }

  @Test
  void lineNotOnTheOrderIsNotMatched() {
    assertThat((String) line(false, "1", "1", "0", "0").getEntry("lineResult"))
        .isEqualTo("NOT_ON_ORDER");
  }

  @Test
  void quantityAboveOrderedIsAQuantityVariance() {
    DmnDecisionResultEntries result = line(true, "0.5", "0", "0", "0");
    assertThat((String) result.getEntry("lineResult")).isEqualTo("QUANTITY_VARIANCE");
    assertThat((String) result.getEntry("lineReason")).contains("ordered");
  }

  @Test
  void anyQuantityAboveReceivedIsAQuantityVariance() {
    DmnDecisionResultEntries result = line(true, "0", "0.0001", "0", "0");
    assertThat((String) result.getEntry("lineResult")).isEqualTo("QUANTITY_VARIANCE");
    assertThat((String) result.getEntry("lineReason")).contains("received");
  }

  @Test
  void priceVarianceAboveTwoPercentBecomesException() {
    assertThat((String) line(true, "0", "0", "2.01", "10").getEntry("lineResult"))
        .isEqualTo("PRICE_VARIANCE");
  }

  @Test
  void priceVarianceAboveOneHundredOnTheLineBecomesException() {
    assertThat((String) line(true, "0", "0", "1", "100.01").getEntry("lineResult"))
        .isEqualTo("PRICE_VARIANCE");
  }

  @Test
  void exactlyTwoPercentAndOneHundredStillMatch() {
    assertThat((String) line(true, "0", "0", "2", "100").getEntry("lineResult"))
        .isEqualTo("MATCHED");
  }

  @Test
  void cleanMatchUpToFiveThousandIsApprovedAutomatically() {
    assertThat(approvers("5000.00", "office-supplies", true)).isEmpty();
  }

  @Test
  void variancesAndAmountsUpToFiftyThousandGoToDepartmentManagers() {
    assertThat(approvers("100.00", "office-supplies", false)).isEqualTo("department-managers");
    assertThat(approvers("5000.01", null, true)).isEqualTo("department-managers");
    assertThat(approvers("50000.00", "it", true)).isEqualTo("department-managers");
  }

  @Test
  void aboveFiftyThousandDepartmentManagersThenFinanceDirectors() {
    assertThat(approvers("50000.01", "it", true))
        .isEqualTo("department-managers,finance-directors");
  }
}
