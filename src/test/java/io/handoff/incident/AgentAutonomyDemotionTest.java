package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.handoff.agent.audit.AgentAction;
import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Autonomy is withdrawn when agreement drops: the service desk overrides the classification agent
 * of incident-escalation again and again, the platform moves the step down a level by the process
 * owner's rule, the next incident goes to a person, the change is in the audit and on the health
 * endpoint; raising the level again is a person's decision.
 */
@HandoffSpringTest
class AgentAutonomyDemotionTest extends IncidentTestSupport {

  static final String STEP = "/api/agent-autonomy/incident-escalation/ClassifyIncidentTask";
  static final String CLEAR_TITLE = "Forgot my password";
  static final String CLEAR_TEXT = "I forgot my password and need a reset for my Windows login";

  @Autowired IdentityService identityService;

  private void setLevelAsProcessOwner(String level, String reason) {
    as(DemoUsers.ADMIN)
        .body(Map.of("level", level, "reason", reason))
        .put(STEP)
        .then()
        .statusCode(200)
        .body("to", equalTo(level))
        .body("changedBy", equalTo(DemoUsers.ADMIN))
        .body("byPlatform", equalTo(false));
  }

  @BeforeEach
  void startFromTheModelsLevel() {
    // The shared test database holds other tests' reviews; a person's change starts the figures
    // afresh, as it does in production.
    reportText(CLEAR_TITLE, CLEAR_TEXT, Level.LOW, Level.LOW, null, KnownRequest.NONE);
    setLevelAsProcessOwner("supervised", "Start of the pilot");
  }

  @AfterEach
  void restoreTheModelsLevel() {
    setLevelAsProcessOwner("supervised", "Reviewed the overrides; back to the model's level");
  }

  /** The service desk overrides an unsure proposal of the agent. */
  private void overriddenInTriage() {
    Incident incident = reportUnsure(Level.LOW, Level.LOW);
    Task triage = task(incident, TRIAGE_TASK);
    assertThat(triage).as("the unsure ticket waits in triage").isNotNull();
    String proposal =
        (String) runtimeService.getVariable(incident.processInstanceId(), CATEGORY_PROPOSAL);
    String other = proposal.equals("hardware") ? "network" : "hardware";
    identityService.setAuthentication(DemoUsers.SAM, List.of("service-desk"));
    try {
      taskService.complete(
          triage.getId(),
          Variables.createVariables().putValue(CATEGORY, other).putValue(KNOWN_REQUEST, "NONE"));
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(classification(incident).agrees()).isFalse();
  }

  private static final String CATEGORY_PROPOSAL = IncidentVariables.CATEGORY_PROPOSAL;
  private static final String CATEGORY = IncidentVariables.CATEGORY;
  private static final String KNOWN_REQUEST = IncidentVariables.KNOWN_REQUEST;
  private static final String TRIAGE_TASK = IncidentVariables.TRIAGE_TASK;

  @Test
  void agreementBelowTheFloorMovesTheStepDownAndTheNextIncidentGoesToAPerson() {
    for (int i = 0; i < 19; i++) {
      overriddenInTriage();
    }
    Incident stillSupervised =
        reportText(CLEAR_TITLE, CLEAR_TEXT, Level.LOW, Level.LOW, null, KnownRequest.NONE);
    assertThat(classification(stillSupervised).autonomy())
        .as("19 reviews are too few for the rule")
        .isEqualTo("supervised");

    overriddenInTriage();

    Incident next =
        reportText(CLEAR_TITLE, CLEAR_TEXT, Level.LOW, Level.LOW, null, KnownRequest.NONE);
    AgentAction row = classification(next);
    assertThat(row.declaredAutonomy()).isEqualTo("supervised");
    assertThat(row.autonomy()).isEqualTo("shadow");
    assertThat(row.routedToPerson()).isTrue();
    assertThat(row.confidence().doubleValue()).isGreaterThanOrEqualTo(0.9);
    assertThat(next.status()).isEqualTo(IncidentStatus.TRIAGE);
    assertThat(task(next, TRIAGE_TASK)).isNotNull();
    assertThat(incidents.identityRequests(next.id())).isEmpty();

    as(DemoUsers.ADMIN)
        .get("/api/agent-autonomy/changes")
        .then()
        .statusCode(200)
        .body("[0].processDefinitionKey", equalTo("incident-escalation"))
        .body("[0].activityId", equalTo("ClassifyIncidentTask"))
        .body("[0].from", equalTo("supervised"))
        .body("[0].to", equalTo("shadow"))
        .body("[0].changedBy", equalTo("platform"))
        .body("[0].byPlatform", equalTo(true))
        .body("[0].reviewed", equalTo(20))
        .body("[0].agreement", equalTo(0.0f))
        .body("[0].reason", notNullValue());
    as(DemoUsers.ADMIN)
        .get("/actuator/health")
        .then()
        .statusCode(200)
        .body("components.agentAutonomy.status", equalTo("WARNING"))
        .body(
            "components.agentAutonomy.details.'incident-escalation/ClassifyIncidentTask'.level",
            equalTo("shadow"))
        .body(
            "components.agentAutonomy.details.'incident-escalation/ClassifyIncidentTask'.changedBy",
            equalTo("platform"));
  }

  @Test
  void theAuditCarriesTheEngineClockAndTheFiguresFollowTheOrderOfEventsWhenItIsSetBack() {
    // The process owner's change (before each test) was written at today's engine time; the
    // reviews below carry an engine time a month earlier. They still come after the change, so
    // they count, and the step moves down after the twentieth.
    Date changedAt = ClockUtil.getCurrentTime();
    Date monthEarlier = Date.from(changedAt.toInstant().minus(30, ChronoUnit.DAYS));
    ClockUtil.setCurrentTime(monthEarlier);
    try {
      for (int i = 0; i < 20; i++) {
        overriddenInTriage();
      }
      Incident next =
          reportText(CLEAR_TITLE, CLEAR_TEXT, Level.LOW, Level.LOW, null, KnownRequest.NONE);
      AgentAction row = classification(next);
      assertThat(row.createdAt()).as("the engine's time").isEqualTo(monthEarlier.toInstant());
      assertThat(row.autonomy()).isEqualTo("shadow");
      assertThat(row.routedToPerson()).isTrue();
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void onlyAProcessOwnerRaisesTheLevelAgain() {
    for (int i = 0; i < 20; i++) {
      overriddenInTriage();
    }

    asIntegration()
        .body(Map.of("level", "supervised", "reason", "it looks fine to me"))
        .put(STEP)
        .then()
        .statusCode(403);
    anonymous()
        .body(Map.of("level", "supervised", "reason", "let me"))
        .put(STEP)
        .then()
        .statusCode(401);
    Incident demoted =
        reportText(CLEAR_TITLE, CLEAR_TEXT, Level.LOW, Level.LOW, null, KnownRequest.NONE);
    assertThat(classification(demoted).autonomy()).isEqualTo("shadow");

    setLevelAsProcessOwner("supervised", "Retrained the model; watching it");

    Incident next =
        reportText(CLEAR_TITLE, CLEAR_TEXT, Level.LOW, Level.LOW, null, KnownRequest.NONE);
    assertThat(classification(next).autonomy()).isEqualTo("supervised");
    assertThat(classification(next).routedToPerson()).isFalse();
    as(DemoUsers.ADMIN)
        .get("/actuator/health")
        .then()
        .body("components.agentAutonomy.status", equalTo("UP"))
        .body(
            "components.agentAutonomy.details.'incident-escalation/ClassifyIncidentTask'.changedBy",
            equalTo(DemoUsers.ADMIN));
  }

  @Test
  void aChangeOfLevelIsRefusedBeforeItsBodyIsReadAndABadOneNamesEveryField() {
    int changes =
        as(DemoUsers.ADMIN)
            .get("/api/agent-autonomy/changes")
            .then()
            .extract()
            .jsonPath()
            .getList("$")
            .size();

    as(DemoUsers.SAM)
        .body(Map.of("level", "all-powerful", "reason", ""))
        .put(STEP)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(DemoUsers.ADMIN)
        .body(Map.of("level", "all-powerful", "reason", ""))
        .put(STEP)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", containsInAnyOrder("level", "reason"))
        .body(
            "errors.find { it.field == 'level' }.message",
            containsString("autonomous, supervised, shadow"));

    assertThat(
            as(DemoUsers.ADMIN)
                .get("/api/agent-autonomy/changes")
                .then()
                .extract()
                .jsonPath()
                .getList("$"))
        .as("no change was written")
        .hasSize(changes);
  }

  @Test
  void aLevelCannotBeRaisedAboveWhatTheModelDeclares() {
    setLevelAsProcessOwner("autonomous", "Let it act alone");

    Incident incident =
        reportText(CLEAR_TITLE, CLEAR_TEXT, Level.LOW, Level.LOW, null, KnownRequest.NONE);

    assertThat(classification(incident).autonomy()).isEqualTo("supervised");
  }
}
