package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.CATEGORY;
import static io.handoff.incident.IncidentVariables.CATEGORY_PROPOSAL;
import static io.handoff.incident.IncidentVariables.KNOWN_REQUEST;
import static io.handoff.incident.IncidentVariables.TRIAGE_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.agent.audit.AgentAction;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An incident's decisions in the ledger, read as one timeline through the audit API. */
@HandoffSpringTest
class IncidentDecisionTrailTest extends IncidentTestSupport {

  @Autowired IdentityService identityService;

  @Test
  void theTrailOfATriagedAndResolvedIncidentShowsRulesTheAgentAndThePeopleInOrder() {
    Incident incident = reportUnsure(Level.MEDIUM, Level.MEDIUM);
    String proposal =
        (String) runtimeService.getVariable(incident.processInstanceId(), CATEGORY_PROPOSAL);
    identityService.setAuthentication(DemoUsers.SAM, List.of("service-desk", "employees"));
    try {
      taskService.complete(
          task(incident, TRIAGE_TASK).getId(),
          Variables.createVariables().putValue(CATEGORY, proposal).putValue(KNOWN_REQUEST, "NONE"));
    } finally {
      identityService.clearAuthentication();
    }
    AgentAction classification = classification(incident);

    JsonPath trail =
        as(DemoUsers.AUDREY)
            .get("/api/processes/incident-escalation/business-keys/{id}/decisions", incident.id())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    List<String> decisions = trail.getList("decisions.decision", String.class);
    List<String> deciders = trail.getList("decisions.decider", String.class);
    assertThat(decisions.get(0)).isEqualTo(IncidentDecisions.PRIORITY);
    assertThat(deciders.get(0)).isEqualTo("RULE");
    int agent = decisions.indexOf("classify-incident");
    int triage = decisions.indexOf("TRIAGE");
    int assignment = decisions.indexOf(IncidentDecisions.ASSIGNMENT);
    assertThat(agent).isPositive();
    assertThat(triage).isGreaterThan(agent);
    assertThat(assignment).isGreaterThan(triage);
    assertThat(decisions).contains(IncidentDecisions.SLA_TARGETS);
    assertThat(trail.getString("decisions[" + agent + "].decidedBy"))
        .isEqualTo(
            "agent:classify-incident/" + classification.provider() + "/" + classification.model());
    assertThat(trail.getString("decisions[" + triage + "].decidedBy")).isEqualTo("person:sam");
    assertThat(trail.getString("decisions[" + triage + "].outcome")).isEqualTo(proposal);
    assertThat(trail.getString("decisions[" + triage + "].inputs.agentProposal"))
        .isEqualTo(proposal);
    // the person's verdict on the agent's proposal, linked to it
    Map<String, Object> verdict =
        trail.getMap(
            "decisions.find { it.decider == 'PERSON' && it.agentAgreement == 'CONFIRMED' }");
    assertThat(verdict).containsEntry("agentProposal", classification.id());
    assertThat(verdict).containsEntry("decidedBy", "person:sam");
    assertThat(trail.getList("decisions.decidedAt", String.class)).isSorted();
    assertThat(trail.getList("processInstanceIds")).containsExactly(incident.processInstanceId());
  }
}
