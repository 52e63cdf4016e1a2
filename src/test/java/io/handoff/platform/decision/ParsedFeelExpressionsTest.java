package io.handoff.platform.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.handoff.platform.decision.ParsedFeelExpressions.CachingScalaFeelEngine;
import io.handoff.support.HandoffSpringTest;
import java.math.BigDecimal;
import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's DMN tables are evaluated by the FEEL engine that parses each expression once; its
 * answers are the ones a fresh parse gives, a text that does not parse fails every time.
 */
@HandoffSpringTest
class ParsedFeelExpressionsTest {

  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired DecisionService decisionService;

  CachingScalaFeelEngine feel() {
    return (CachingScalaFeelEngine) engine.getDmnEngineConfiguration().getFeelEngine();
  }

  @Test
  void theEnginesDecisionTablesParseEachExpressionOnceAndAnswerAsBefore() {
    String first = approvers("120.00");
    long parsed = feel().cached();

    assertThat(parsed).isPositive();
    // The same table again: nothing new to parse, the same answer.
    assertThat(approvers("120.00")).isEqualTo(first);
    assertThat(feel().cached()).isEqualTo(parsed);
    assertThat(approvers("999999.00")).isNotEqualTo(first);
  }

  @Test
  void aParsedUnaryTestGivesTheAnswerOfAFreshParseForEveryInput() {
    CachingScalaFeelEngine feel = feel();
    String test = "[10..20), > 100";
    for (int i = 0; i < 2; i++) {
      assertThat(feel.evaluateSimpleUnaryTests(test, "x", vars(15))).isTrue();
      assertThat(feel.evaluateSimpleUnaryTests(test, "x", vars(20))).isFalse();
      assertThat(feel.evaluateSimpleUnaryTests(test, "x", vars(101))).isTrue();
    }
    assertThat((Object) feel.evaluateSimpleExpression("x * 2", vars(21))).isEqualTo(42L);
    assertThat((Object) feel.evaluateSimpleExpression("x * 2", vars(4))).isEqualTo(8L);
  }

  @Test
  void anExpressionThatDoesNotParseFailsEveryTimeAndIsNotKept() {
    CachingScalaFeelEngine feel = feel();
    long before = feel.cached();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> feel.evaluateSimpleExpression("x * * 2", vars(1)))
          .isInstanceOf(FeelException.class);
    }
    assertThat(feel.cached()).isEqualTo(before);
  }

  private static VariableContext vars(int x) {
    return Variables.createVariables().putValue("x", x).asVariableContext();
  }

  private String approvers(String total) {
    return decisionService
        .evaluateDecisionByKey("invoice-approval-matrix")
        .variables(
            Map.of(
                "invoiceTotal",
                new BigDecimal(total),
                "category",
                "office-supplies",
                "linesMatched",
                true))
        .evaluate()
        .getSingleResult()
        .getEntry("approverGroups");
  }
}
