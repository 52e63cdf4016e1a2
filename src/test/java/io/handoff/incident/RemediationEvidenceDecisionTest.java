package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.incident.flow.CheckRemediationEvidenceDelegate;
import io.handoff.support.HandoffSpringTest;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The evidence table for automatic remediation, rule by rule, through the decision service. */
@HandoffSpringTest
class RemediationEvidenceDecisionTest {

  @Autowired DecisionService decisionService;

  private Map<String, Object> decide(
      boolean byPerson,
      String proposal,
      Double confidence,
      String reported,
      String reportedCategory,
      String text) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("remediation", "PASSWORD_RESET");
    inputs.put("decidedByPerson", byPerson);
    inputs.put("agentProposal", proposal);
    inputs.put("agentConfidence", confidence);
    inputs.put("reportedKnownRequest", reported);
    inputs.put("reportedCategory", reportedCategory);
    inputs.put("incidentText", text);
    DmnDecisionResult result =
        decisionService
            .evaluateDecisionByKey(CheckRemediationEvidenceDelegate.DEFAULT_DECISION)
            .variables(inputs)
            .evaluate();
    assertThat(result).hasSize(1);
    return result.getSingleResult().getEntryMap();
  }

  @ParameterizedTest(name = "{6}: {0} {1} {2} {3} {4} \"{5}\"")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        // a person decided in triage: whatever the text says
        "true  | unknown        | 0.0  | NONE           | null   | it is not working | true",
        // self-service: the reporter chose the category and the request, no agent involved
        "false | null           | null | PASSWORD_RESET | access | printer on fire   | true",
        // the agent alone: stricter threshold and one concrete signal
        "false | password-reset | 0.95 | PASSWORD_RESET | null   | it does not work  | true",
        "false | password-reset | 0.95 | NONE           | access | it does not work  | true",
        "false | password-reset | 0.95 | NONE           | null   | I forgot my password | true",
        "false | password-reset | 0.95 | NONE           | null   | my account is LOCKED out | true",
        // no signal at all, however confident
        "false | password-reset | 0.99 | NONE           | null   | it does not work  | false",
        // a signal, but below the stricter threshold (above the classification's 0.75)
        "false | password-reset | 0.89 | PASSWORD_RESET | access | I forgot my password | false",
        // the reporter says password reset, the agent reads something else
        "false | hardware       | 0.95 | PASSWORD_RESET | null   | my screen is black | false",
        // someone else's or a shared account, or a security concern
        "false | password-reset | 0.95 | NONE           | null   | my colleague forgot his password | false",
        "false | password-reset | 0.95 | PASSWORD_RESET | null   | reset the password of the shared scanner account | false",
        "false | password-reset | 0.95 | NONE           | null   | I got a phishing mail and typed my password | false",
        "false | password-reset | 0.95 | NONE           | null   | I get password reset codes I did not request | false",
        // the word list matches whole words for pronouns, not parts of words
        "false | password-reset | 0.95 | NONE           | null   | the password expired, there is no hint | true"
      })
  void remediationActsAloneOnlyWithTheEvidenceTheTableDemands(
      boolean byPerson,
      String proposal,
      Double confidence,
      String reported,
      String reportedCategory,
      String text,
      boolean actAlone) {
    Map<String, Object> verdict =
        decide(byPerson, proposal, confidence, reported, reportedCategory, text);

    assertThat(verdict.get("actAlone"))
        .as(String.valueOf(verdict.get("evidence")))
        .isEqualTo(actAlone);
    assertThat((String) verdict.get("evidence")).isNotBlank();
  }
}
