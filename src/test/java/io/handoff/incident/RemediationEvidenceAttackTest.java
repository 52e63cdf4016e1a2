package io.handoff.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.handoff.support.DemoUsers;
import io.handoff.support.HandoffSpringTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Automatic remediation refuses to act alone without the evidence its table demands, tried the way
 * an attacker or an unlucky user would: vague texts, texts about someone else's password, a
 * reporter's answer the text contradicts, forged process variables. Each time nothing is reset or
 * unlocked and a person has the incident. And an incident remediated automatically is not closed
 * behind the reporter's back: "this did not help" gives it back to the service desk.
 */
@HandoffSpringTest
class RemediationEvidenceAttackTest extends IncidentTestSupport {

  private void assertNothingRemediatedAndAPersonHasIt(Incident incident) {
    assertThat(incidents.identityRequests(incident.id())).as("identity requests").isEmpty();
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(incident.processInstanceId())
                .activityId("RemediateAutomaticallyTask")
                .count())
        .as("no remediation pending")
        .isZero();
    Incident now = reload(incident);
    assertThat(now.status()).isIn(IncidentStatus.TRIAGE, IncidentStatus.IN_PROGRESS);
    List<Task> tasks =
        taskService.createTaskQuery().processInstanceId(incident.processInstanceId()).list();
    assertThat(tasks).as("a person has it").hasSize(1);
  }

  private String reportOverRest(String title, String description, String knownRequest) {
    return asIntegration()
        .body(
            Map.of(
                "title",
                title,
                "description",
                description,
                "reporter",
                DemoUsers.ERIN,
                "impact",
                "LOW",
                "urgency",
                "MEDIUM",
                "knownRequest",
                knownRequest))
        .post("/api/incidents")
        .then()
        .statusCode(201)
        .extract()
        .path("incidentId");
  }

  @ParameterizedTest(name = "\"{0}\" / \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "my screen is black | since this morning",
        "it is not working since this morning | please help",
        "Something is wrong | It is not working since this morning, please help",
        "help | urgent"
      })
  void vagueTextsAreNeverRemediated(String title, String description) {
    String id = reportOverRest(title, description, "NONE");

    Incident incident = incidents.find(id).orElseThrow();
    assertNothingRemediatedAndAPersonHasIt(incident);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "Password reset for my colleague | my colleague Tom forgot his password, please reset it",
        "Shared login | please reset the password of the shared warehouse terminal account",
        "Strange reset codes | someone is trying to reset my password, I get codes I did not ask for",
        "Phishing? | I typed my password into a suspicious page from an email, reset it please"
      })
  void passwordTextsAboutSomeoneElseOrACompromiseGoToTheServiceDesk(
      String title, String description) {
    String id = reportOverRest(title, description, "NONE");

    Incident incident = incidents.find(id).orElseThrow();
    assertNothingRemediatedAndAPersonHasIt(incident);
  }

  @Test
  void theReportersAnswerContradictedByTheTextIsNotEnough() {
    String id =
        reportOverRest(
            "Monitor stays black",
            "my monitor stays black after the docking station update",
            "PASSWORD_RESET");

    Incident incident = incidents.find(id).orElseThrow();
    assertNothingRemediatedAndAPersonHasIt(incident);
    assertThat(reload(incident).remediationEvidence()).isNotBlank();
  }

  @Test
  void forgedConfidenceAndVerdictVariablesAreIgnored() {
    var instance =
        runtimeService.startProcessInstanceByKey(
            IncidentVariables.PROCESS_KEY,
            Map.of(
                "title", "it is not working",
                "description", "please help",
                "reporter", DemoUsers.ERIN,
                "impact", "LOW",
                "urgency", "LOW",
                "knownRequest", "NONE",
                "categoryConfidence", 0.99,
                "remediationActAlone", true,
                "triagedBy", DemoUsers.SAM));
    String id = (String) runtimeService.getVariable(instance.getId(), "incidentId");
    Incident incident = incidents.find(id).orElseThrow();
    Task triage = task(incident, IncidentVariables.TRIAGE_TASK);

    // The service desk is asked; the forged variables did not decide anything.
    assertThat(triage).isNotNull();
    assertThat(runtimeService.getVariable(instance.getId(), "categoryConfidence")).isEqualTo(0.0);
    assertNothingRemediatedAndAPersonHasIt(incident);
  }

  @Test
  void reopeningAnAutomaticRemediationGivesItBackToTheServiceDeskWithTheActionShown() {
    Incident incident =
        reportInTasklist(
            "erin",
            "Locked out",
            "I'm locked out after three wrong password attempts",
            Level.LOW,
            Level.MEDIUM,
            null,
            KnownRequest.NONE);
    runJob(incident, "RemediateAutomaticallyTask");
    runJob(incident, "AskReporterToConfirmTask");
    assertThat(reload(incident).status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(incidents.identityRequests(incident.id())).containsExactly("erin:PASSWORD_RESET");

    asIntegration()
        .body(Map.of("reason", "this did not help, still locked"))
        .post("/api/incidents/" + incident.id() + "/reopen")
        .then()
        .statusCode(200)
        .body("status", equalTo("REOPENED"))
        .body("reopenReason", equalTo("this did not help, still locked"))
        .body("reopens[0].previousResolutionCode", equalTo("AUTO_REMEDIATED"))
        .body("assignedGroup", equalTo("service-desk"));

    // the remediation was the first response: the response watch of the reopened work ends quietly
    assertThat(incidentService.view(incident.id()).firstResponseBy())
        .isEqualTo("automatic-remediation");
    managementService
        .createJobQuery()
        .processInstanceId(incident.processInstanceId())
        .activityId("ResponseDueEvent")
        .list()
        .forEach(j -> managementService.executeJob(j.getId()));
    assertThat(incidentService.view(incident.id()).responseBreached()).isFalse();
    assertThat(incidentService.view(incident.id()).escalationLevel()).isEqualTo(1);
    Task resolve = task(incident, IncidentVariables.RESOLVE_TASK);
    assertThat(candidateGroups(resolve)).containsExactly("service-desk");
    Map<String, Object> shown = taskService.getVariables(resolve.getId());
    assertThat((String) shown.get(IncidentVariables.REFUSED_RESOLUTION))
        .startsWith("AUTO_REMEDIATED: ")
        .contains("Password reset for account 'erin' carried out automatically");
    assertThat(shown)
        .as("the service desk records a resolution of its own")
        .doesNotContainKeys(IncidentVariables.RESOLUTION_CODE, IncidentVariables.RESOLUTION_NOTES);
    assertThat(shown.get("categoryProposal")).isEqualTo("password-reset");
    assertThat((String) shown.get("remediationEvidence")).contains("text names a password");
    var row = classification(incident);
    assertThat(row.action()).isEqualTo("PASSWORD_RESET");
    assertThat(row.reversal()).isEqualTo("REOPENED");
  }

  @Test
  void theReporterConfirmsAnAutomaticRemediationAndOnlyThenItCloses() {
    Incident incident =
        reportInTasklist(
            "erin",
            "Password expired",
            "my password expired this morning and the change screen rejects every new one",
            Level.LOW,
            Level.MEDIUM,
            null,
            KnownRequest.NONE);
    runJob(incident, "RemediateAutomaticallyTask");
    runJob(incident, "AskReporterToConfirmTask");

    asIntegration()
        .post("/api/incidents/" + incident.id() + "/confirm")
        .then()
        .statusCode(200)
        .body("status", equalTo("CLOSED"))
        .body("closeReason", equalTo("CONFIRMED"))
        .body("resolutionCode", equalTo("AUTO_REMEDIATED"));
    assertThat(classification(incident).reversal()).isNull();
  }
}
