package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.handoff.support.HandoffSpringTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.Test;

/**
 * Priority, SLA targets and assignment are business rule tasks: what their tables decide is the
 * outcome, whatever result variables a caller sends along, and callers who may not start the
 * process another way are refused before anything starts.
 */
@HandoffSpringTest
class IncidentRuleResultsTest extends IncidentTestSupport {

  private NewIncident coreSwitchDown() {
    return new NewIncident(
        unique("Core switch down"),
        "Floor 2 has no network",
        "erin",
        "network",
        Level.HIGH,
        Level.HIGH,
        "network",
        KnownRequest.NONE,
        IncidentSource.REST,
        null);
  }

  private Incident start(VariableMap variables, String id) {
    runtimeService.startProcessInstanceByKey(PROCESS_KEY, id, variables);
    return incidents.find(id).orElseThrow();
  }

  private long instancesOf(String title) {
    return runtimeService.createProcessInstanceQuery().variableValueEquals(TITLE, title).count();
  }

  @Test
  void resultVariablesSentAlongAtTheStartDoNotChangeWhatTheTablesDecide() {
    String cleanId = UUID.randomUUID().toString();
    Incident clean = start(IncidentVariables.startVariables(cleanId, coreSwitchDown()), cleanId);

    String forgedId = UUID.randomUUID().toString();
    VariableMap forged = IncidentVariables.startVariables(forgedId, coreSwitchDown());
    forged.putValue(PRIORITY, "P5");
    forged.putValue("slaTargets", "{\"respondWithin\":\"P30D\",\"resolveWithin\":\"P90D\"}");
    forged.putValue(RESPOND_WITHIN, "P30D");
    forged.putValue(RESOLVE_WITHIN, "P90D");
    forged.putValue(SLA_CLOCK, "BUSINESS");
    forged.putValue("assignment", "{\"firstLevelGroup\":\"it-managers\"}");
    forged.putValue(ASSIGNED_GROUP, "it-managers");
    Incident result = start(forged, forgedId);

    assertThat(clean.priority()).isEqualTo("P1");
    assertThat(result.priority()).isEqualTo(clean.priority());
    assertThat(result.assignedGroup()).isEqualTo("network-ops").isEqualTo(clean.assignedGroup());
    assertThat(result.slaDue())
        .isEqualTo(clean.slaDue())
        .isEqualTo(MONDAY_NINE.plusSeconds(4 * 3600));
    String pi = result.processInstanceId();
    assertThat(runtimeService.getVariable(pi, PRIORITY)).isEqualTo("P1");
    assertThat(runtimeService.getVariable(pi, RESPOND_WITHIN)).isEqualTo("PT15M");
    assertThat(runtimeService.getVariable(pi, RESOLVE_WITHIN)).isEqualTo("PT4H");
    assertThat(runtimeService.getVariable(pi, SLA_CLOCK)).isEqualTo("24x7");
    assertThat(runtimeService.getVariable(pi, "slaTargets")).isNull();
    assertThat(runtimeService.getVariable(pi, "assignment")).isNull();
    runJob(result, "NotifyOnCallTask");
    assertThat(candidateGroups(task(result, RESOLVE_TASK))).containsExactly("network-ops");
    assertThat(incidentService.view(result.id()).responseDue())
        .isEqualTo(incidentService.view(clean.id()).responseDue());
  }

  @Test
  void anIntegratorCannotStartTheProcessOnEngineRestWithItsOwnPriority() {
    String title = unique("Forged P5");
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(TITLE, Map.of("value", title));
    variables.put(PRIORITY, Map.of("value", "P5"));

    asIntegration()
        .body(Map.of("variables", variables, "businessKey", UUID.randomUUID().toString()))
        .post("/engine-rest/process-definition/key/" + PROCESS_KEY + "/start")
        .then()
        .statusCode(403);

    assertThat(instancesOf(title)).isZero();
  }

  @Test
  void anEmployeeCannotSendAPriorityWithTheReportForm() {
    String title = unique("Forged P5");
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("title", Map.of("value", title));
    variables.put("description", Map.of("value", "Nothing works"));
    variables.put("service", Map.of("value", "workplace"));
    variables.put("impact", Map.of("value", "LOW"));
    variables.put("urgency", Map.of("value", "LOW"));
    variables.put(PRIORITY, Map.of("value", "P1"));

    as("erin")
        .body(Map.of("variables", variables))
        .post("/engine-rest/process-definition/key/" + PROCESS_KEY + "/submit-form")
        .then()
        .statusCode(400);

    assertThat(instancesOf(title)).isZero();
  }
}
