package io.handoff.agent.autonomy;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.HandoffSpringTest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The process owner's demotion rule, rule by rule, through the decision service. */
@HandoffSpringTest
class AutonomyDemotionDecisionTest {

  @Autowired DecisionService decisionService;

  @ParameterizedTest(name = "{0}, {1} reviewed at {2}, {3} acted with {4} reversed: demote {5}")
  @CsvSource(
      nullValues = "null",
      value = {
        "supervised, 20, 0.79, 0,  null, true",
        "supervised, 20, 0.80, 0,  null, false",
        "supervised, 19, 0.10, 0,  null, false",
        "autonomous, 50, 0.95, 5,  0.20, true",
        "autonomous, 50, 0.95, 5,  0.10, false",
        "autonomous, 50, 0.95, 4,  1.00, false",
        "autonomous, 0,  null, 0,  null, false",
        "shadow,     50, 0.10, 0,  null, false"
      })
  void aStepIsMovedDownOnlyWhenItsFiguresCrossTheThresholds(
      String level,
      int reviewed,
      Double agreement,
      int actedAlone,
      Double reversalShare,
      boolean demote) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("task", "classify-incident");
    inputs.put("currentLevel", level);
    inputs.put("reviewed", reviewed);
    inputs.put("agreement", agreement);
    inputs.put("actedAlone", actedAlone);
    inputs.put("reversalShare", reversalShare);

    DmnDecisionResult result =
        decisionService
            .evaluateDecisionByKey(AutonomyGovernor.DEMOTION_DECISION)
            .variables(inputs)
            .evaluate();

    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap().get("demote")).isEqualTo(demote);
  }
}
