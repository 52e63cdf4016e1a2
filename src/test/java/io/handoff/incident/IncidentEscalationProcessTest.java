package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.handoff.agent.audit.AgentAction;
import io.handoff.support.HandoffSpringTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of incident-escalation, with the engine clock moved instead of waiting. */
@HandoffSpringTest
class IncidentEscalationProcessTest extends IncidentTestSupport {

  private static final Logger log = LoggerFactory.getLogger(IncidentEscalationProcessTest.class);

  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired MeterRegistry meters;

  private void resolveAndAskReporter(Incident incident) {
    resolveAndAskReporter(incident, "FIXED");
    assertThat(reload(incident).status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(instance(incident)).isWaitingAt("ReporterAnswerGateway");
  }

  private double breaches(String priority, int level) {
    Counter counter =
        meters
            .find(IncidentEscalator.BREACH_COUNTER)
            .tag("priority", priority)
            .tag("level", String.valueOf(level))
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void incidentWithCategoryGoesStraightToItsSupportGroupWithSlaDeadline() {
    Incident incident = report(Level.MEDIUM, Level.MEDIUM, "network");

    assertThat(incident.priority()).isEqualTo("P3");
    assertThat(incident.status()).isEqualTo(IncidentStatus.IN_PROGRESS);
    assertThat(incident.assignedGroup()).isEqualTo("network-ops");
    assertThat(incident.escalationLevel()).isEqualTo(1);
    assertThat(incident.slaDue()).isEqualTo(MONDAY_NINE.plus(Duration.ofDays(3)));
    assertThat(instance(incident)).isWaitingAt(RESOLVE_TASK, "SlaReminderDueEvent");
    assertThat(instance(incident)).hasNotPassed(TRIAGE_TASK);
    assertThat(candidateGroups(task(incident, RESOLVE_TASK))).containsExactly("network-ops");
    // P3 counts business time: 75 % of 3 working days (30 h on network-ops' calendar, 08:00-18:00
    // Berlin) from Monday 10:00 Berlin is 22.5 h: Wednesday 12:30 Berlin
    assertThat(job(incident, "SlaReminderDueEvent").getDuedate().toInstant())
        .isEqualTo(Instant.parse("2026-03-04T11:30:00Z"));
  }

  @ParameterizedTest(name = "{2}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Wi-Fi keeps dropping | The wireless network on floor 3 disconnects every few minutes and"
            + " the VPN cannot reconnect | network | network-ops | P3",
        "Database replication lag | The orders database replica is hours behind the primary and"
            + " queries time out | database | database-ops | P3",
        "CRM crashes | The CRM application crashes with an error when I save a customer record"
            + " | application | app-support | P3",
        "Phishing email | I clicked a link in a suspicious phishing email and entered my"
            + " credentials | security | security-ops | P2"
      })
  void confidentClassificationGoesStraightToTheAssignedGroupWithoutTriage(
      String title, String description, String category, String group, String priority) {
    Incident incident =
        reportText(title, description, Level.MEDIUM, Level.MEDIUM, null, KnownRequest.NONE);

    AgentAction classified = classification(incident);
    log.info(
        "'{}' classified as {} with confidence {}",
        title,
        incident.categoryProposal(),
        classified.confidence());
    assertThat(classified.routedToPerson()).isFalse();
    assertThat(classified.confidence()).isGreaterThanOrEqualTo(new BigDecimal("0.75"));
    assertThat(classified.autonomy()).isEqualTo("supervised");
    assertThat(incident.categoryProposal()).isEqualTo(category);
    assertThat(incident.category()).isEqualTo(category);
    assertThat(incident.knownRequest()).isEqualTo(KnownRequest.NONE);
    assertThat(incident.priority()).isEqualTo(priority);
    assertThat(incident.status()).isEqualTo(IncidentStatus.IN_PROGRESS);
    assertThat(incident.triagedBy()).isNull();
    assertThat(instance(incident))
        .hasPassed("ClassifyIncidentTask", "ApplyClassificationTask")
        .hasNotPassed(TRIAGE_TASK)
        .isWaitingAt(RESOLVE_TASK, "SlaReminderDueEvent");
    assertThat(candidateGroups(task(incident, RESOLVE_TASK))).containsExactly(group);
    assertThat(runtimeService.getVariable(incident.processInstanceId(), CATEGORY_NEEDS_HUMAN))
        .isEqualTo(false);
  }

  @Test
  void unsureIncidentIsTriagedAndTheDecisionIsRecordedAgainstTheAgentsProposal() {
    Incident incident = reportUnsure(Level.HIGH, Level.MEDIUM);

    assertThat(incident.status()).isEqualTo(IncidentStatus.TRIAGE);
    assertThat(incident.category()).isNull();
    assertThat(incident.priority()).as("provisional").isEqualTo("P2");
    AgentAction classified = classification(incident);
    log.info(
        "Unsure ticket proposed as {} with confidence {}",
        classified.output(),
        classified.confidence());
    assertThat(classified.routedToPerson()).isTrue();
    assertThat(classified.confidence()).isLessThan(new BigDecimal("0.75"));
    String proposal =
        (String) runtimeService.getVariable(incident.processInstanceId(), CATEGORY_PROPOSAL);
    assertThat(proposal).isNotNull().isNotEqualTo("database").isNotEqualTo("unknown");
    Task triage = task(incident, TRIAGE_TASK);
    assertThat(candidateGroups(triage)).containsExactly("service-desk");

    taskService.claim(triage.getId(), "sam");
    completeAs(
        "sam",
        triage,
        Variables.createVariables().putValue(CATEGORY, "database").putValue(KNOWN_REQUEST, "NONE"));

    Incident triaged = reload(incident);
    assertThat(triaged.category()).isEqualTo("database");
    assertThat(triaged.triagedBy()).isEqualTo("sam");
    assertThat(triaged.categoryProposal()).isEqualTo(proposal);
    assertThat(triaged.assignedGroup()).isEqualTo("database-ops");
    assertThat(triaged.status()).isEqualTo(IncidentStatus.IN_PROGRESS);
    assertThat(candidateGroups(task(incident, RESOLVE_TASK))).containsExactly("database-ops");
    AgentAction decided = classification(incident);
    assertThat(decided.decidedBy()).isEqualTo("sam");
    assertThat(decided.humanDecision()).isEqualTo("\"database\"");
    assertThat(decided.agrees()).isFalse();
    assertThat(decided.decidedAt()).isNotNull();
  }

  @Test
  void vagueIncidentGetsNoProposalAndTheTriageDecisionIsNotCountedAsDisagreement() {
    Incident incident = reportVague(Level.HIGH, Level.MEDIUM);

    assertThat(incident.status()).isEqualTo(IncidentStatus.TRIAGE);
    AgentAction classified = classification(incident);
    assertThat(classified.routedToPerson()).isTrue();
    assertThat(classified.confidence()).isEqualByComparingTo("0");
    assertThat(runtimeService.getVariable(incident.processInstanceId(), CATEGORY_PROPOSAL))
        .isEqualTo("unknown");
    assertThat(
            (String) runtimeService.getVariable(incident.processInstanceId(), CATEGORY_RATIONALE))
        .contains("No word of the text is evidence for any category");

    completeAs(
        "sam",
        task(incident, TRIAGE_TASK),
        Variables.createVariables().putValue(CATEGORY, "database").putValue(KNOWN_REQUEST, "NONE"));

    AgentAction decided = classification(incident);
    assertThat(decided.decidedBy()).isEqualTo("sam");
    assertThat(decided.humanDecision()).isEqualTo("\"database\"");
    assertThat(decided.agrees())
        .as("an unknown proposal is neither agreed nor overridden")
        .isNull();
    assertThat(reload(incident).category()).isEqualTo("database");
  }

  @Test
  void triageThatConfirmsTheProposalCountsAsAgreement() {
    Incident incident = reportUnsure(Level.MEDIUM, Level.MEDIUM);
    String proposal =
        (String) runtimeService.getVariable(incident.processInstanceId(), CATEGORY_PROPOSAL);

    completeAs(
        "sam",
        task(incident, TRIAGE_TASK),
        Variables.createVariables().putValue(CATEGORY, proposal).putValue(KNOWN_REQUEST, "NONE"));

    AgentAction decided = classification(incident);
    assertThat(decided.decidedBy()).isEqualTo("sam");
    assertThat(decided.agrees()).isTrue();
    assertThat(reload(incident).category()).isEqualTo(proposal);
  }

  @Test
  void lockoutPickedInTriageIsRecordedAsThePasswordResetLabelAndRemediated() {
    Incident incident =
        reportInTasklist(
            "erin", VAGUE_TITLE, VAGUE_DESCRIPTION, Level.LOW, Level.MEDIUM, null, null);

    completeAs(
        "sam",
        task(incident, TRIAGE_TASK),
        Variables.createVariables()
            .putValue(CATEGORY, "access")
            .putValue(KNOWN_REQUEST, "ACCOUNT_LOCKOUT"));

    AgentAction decided = classification(incident);
    assertThat(decided.humanDecision()).isEqualTo("\"password-reset\"");
    assertThat(decided.decidedBy()).isEqualTo("sam");
    runJob(incident, "RemediateAutomaticallyTask");
    assertThat(incidents.identityRequests(incident.id())).containsExactly("erin:ACCOUNT_LOCKOUT");
    assertThat(reload(incident).status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(reload(incident).remediationEvidence()).contains("person in the service desk");
  }

  @Test
  void passwordResetTextIsRemediatedAutomaticallyAndTheReporterIsAskedToConfirm() {
    Incident incident =
        reportInTasklist(
            "erin",
            "Forgot my password",
            "I forgot my password and need a reset for my Windows login",
            Level.LOW,
            Level.MEDIUM,
            null,
            null);

    AgentAction classified = classification(incident);
    log.info("Password reset ticket classified with confidence {}", classified.confidence());
    assertThat(classified.routedToPerson()).isFalse();
    assertThat(incident.categoryProposal()).isEqualTo("password-reset");
    assertThat(incident.category()).isEqualTo("access");
    assertThat(incident.knownRequest()).isEqualTo(KnownRequest.PASSWORD_RESET);
    assertThat(incident.remediationEvidence()).contains("text names a password");
    assertThat(classified.confidence()).isGreaterThanOrEqualTo(new BigDecimal("0.90"));

    runJob(incident, "RemediateAutomaticallyTask");
    runJob(incident, "AskReporterToConfirmTask");

    Incident resolved = reload(incident);
    assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(resolved.resolutionCode()).isEqualTo("AUTO_REMEDIATED");
    assertThat(resolved.closeReason()).isNull();
    assertThat(incidents.identityRequests(incident.id())).containsExactly("erin:PASSWORD_RESET");
    assertThat(instance(incident)).isWaitingAt("ReporterAnswerGateway");
    assertThat(agentAudit.find(classified.id()).orElseThrow().action()).isEqualTo("PASSWORD_RESET");
    assertThat(
            historyService
                .createHistoricTaskInstanceQuery()
                .processInstanceId(incident.processInstanceId())
                .count())
        .isZero();
  }

  @Test
  void categorySuppliedAtIntakeIsKeptAndTheAgentIsNotAsked() {
    Incident incident =
        reportText(
            "Database replication lag",
            "The orders database replica is hours behind the primary and queries time out",
            Level.MEDIUM,
            Level.MEDIUM,
            "network",
            KnownRequest.NONE);

    assertThat(incident.category()).isEqualTo("network");
    assertThat(incident.assignedGroup()).isEqualTo("network-ops");
    assertThat(incident.categoryProposal()).isNull();
    assertThat(instance(incident)).hasNotPassed("ClassifyIncidentTask", TRIAGE_TASK);
    assertThat(agentActions(incident)).isEmpty();
  }

  private void completeAs(String user, Task task, Map<String, Object> variables) {
    identityService.setAuthentication(user, List.of("service-desk", "employees"));
    try {
      taskService.complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void securityIncidentIsNeverBelowP2() {
    Incident incident = report(Level.LOW, Level.LOW, "security");

    assertThat(incident.priority()).isEqualTo("P2");
    assertThat(incident.slaDue()).isEqualTo(MONDAY_NINE.plus(Duration.ofHours(8)));
    assertThat(incident.assignedGroup()).isEqualTo("security-ops");
  }

  @Test
  void passwordResetIsRemediatedAndClosesAfterThreeDaysOfSilenceWithoutAPerson() {
    Incident incident =
        reportInTasklist(
            "erin",
            unique("Printer on fire"),
            "Smoke from tray 2",
            Level.LOW,
            Level.MEDIUM,
            "access",
            KnownRequest.PASSWORD_RESET);

    runJob(incident, "RemediateAutomaticallyTask");
    assertThat(reload(incident).status()).isEqualTo(IncidentStatus.RESOLVED);
    runJob(incident, "AskReporterToConfirmTask");
    assertThat(instance(incident)).isWaitingAt("ReporterAnswerGateway");
    Instant closedAt = fireTimer(incident, "NoAnswerEvent");

    assertThat(closedAt).isEqualTo(MONDAY_NINE.plus(Duration.ofDays(3)));
    assertThat(instance(incident)).isNull();
    assertThat(
            historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(incident.id())
                .singleResult()
                .getEndActivityId())
        .isEqualTo("IncidentClosedEndEvent");
    assertThat(
            historyService
                .createHistoricTaskInstanceQuery()
                .processInstanceId(incident.processInstanceId())
                .count())
        .as("no person involved")
        .isZero();
    Incident closed = reload(incident);
    assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(closed.closeReason()).isEqualTo("NO_ANSWER");
    assertThat(closed.resolutionCode()).isEqualTo("AUTO_REMEDIATED");
    assertThat(incidents.identityRequests(incident.id())).containsExactly("erin:PASSWORD_RESET");
    assertThat(incidents.notifications(incident.id()))
        .singleElement()
        .asString()
        .startsWith("REPORTER:erin:")
        .contains("Password reset for account 'erin' carried out automatically")
        .contains("confirm or reopen");
  }

  @Test
  void accountLockoutIsLiftedAutomatically() {
    Incident incident =
        reportInTasklist(
            "erin",
            "Locked out",
            "My account is locked after the holidays",
            Level.MEDIUM,
            Level.HIGH,
            "access",
            KnownRequest.ACCOUNT_LOCKOUT);

    runJob(incident, "RemediateAutomaticallyTask");

    assertThat(incidents.identityRequests(incident.id())).containsExactly("erin:ACCOUNT_LOCKOUT");
    assertThat(reload(incident).status()).isEqualTo(IncidentStatus.RESOLVED);
  }

  @Test
  void refusedRemediationGoesToTheServiceDeskLikeAnyOtherIncident() {
    Incident incident =
        report(Level.LOW, Level.MEDIUM, "access", KnownRequest.PASSWORD_RESET, unique("ghost"));

    runJob(incident, "RemediateAutomaticallyTask");

    assertThat(instance(incident)).hasPassed("RemediationFailedEvent").isWaitingAt(RESOLVE_TASK);
    assertThat(candidateGroups(task(incident, RESOLVE_TASK))).containsExactly("service-desk");
    assertThat(incidents.identityRequests(incident.id())).isEmpty();
    assertThat(reload(incident).status()).isEqualTo(IncidentStatus.IN_PROGRESS);
  }

  @Test
  void slaBreachEscalatesLevelByLevelAndTheTaskKeepsItsWork() {
    Incident incident = report(Level.MEDIUM, Level.MEDIUM, "network");
    Task task = task(incident, RESOLVE_TASK);
    taskService.claim(task.getId(), "nina");
    taskService.setVariableLocal(task.getId(), "diagnosis", "Switch port 12 flaps");
    taskService.createComment(task.getId(), incident.processInstanceId(), "Checked the uplink");
    double breachesBefore = breaches("P3", 1);

    // 75 % of P3D in business time: the reminder; the task stays where it is
    Instant reminded = fireTimer(incident, "SlaReminderDueEvent");
    assertThat(reminded).isEqualTo(Instant.parse("2026-03-04T11:30:00Z"));
    assertThat(candidateGroups(task(incident, RESOLVE_TASK))).containsExactly("network-ops");
    assertThat(reload(incident).escalationLevel()).isEqualTo(1);

    // the target: level 2
    Instant breached = fireTimer(incident, "SlaTargetReachedEvent");
    assertThat(breached).isEqualTo(MONDAY_NINE.plus(Duration.ofDays(3)));
    runJob(incident, "AnnounceEscalationTask");
    Task moved = task(incident, RESOLVE_TASK);
    assertThat(moved.getId()).as("same task, not recreated").isEqualTo(task.getId());
    assertThat(candidateGroups(moved)).containsExactly("security-ops");
    assertThat(moved.getAssignee()).isNull();
    assertThat(taskService.getVariableLocal(moved.getId(), "diagnosis"))
        .isEqualTo("Switch port 12 flaps");
    assertThat(taskService.getTaskComments(moved.getId()))
        .extracting(c -> c.getFullMessage())
        .containsExactly("Checked the uplink");
    Incident atLevelTwo = reload(incident);
    assertThat(atLevelTwo.escalationLevel()).isEqualTo(2);
    assertThat(atLevelTwo.assignedGroup()).isEqualTo("security-ops");
    assertThat(atLevelTwo.slaDue()).isEqualTo(breached.plus(Duration.ofDays(3)));
    assertThat(breaches("P3", 1)).isEqualTo(breachesBefore + 1);
    assertThat(incidents.notifications(incident.id()))
        .satisfiesExactly(
            reminder ->
                assertThat(reminder)
                    .startsWith("CHAT:network-ops:Reminder: P3 incident " + incident.id())
                    .contains("(level 1)", "2026-03-05T09:00:00Z"),
            announcement ->
                assertThat(announcement)
                    .startsWith("CHAT:security-ops:Escalation: P3 incident " + incident.id())
                    .contains("now at level 2 with security-ops", "2026-03-08T09:00:00Z"));

    // level 2 misses its target too: level 3, the IT managers; the chain ends there
    fireTimer(incident, "SlaReminderDueEvent");
    Instant breachedAgain = fireTimer(incident, "SlaTargetReachedEvent");
    assertThat(breachedAgain).isEqualTo(breached.plus(Duration.ofDays(3)));
    runJob(incident, "AnnounceEscalationTask");
    assertThat(instance(incident))
        .hasPassed("EscalationChainCompleteEndEvent")
        .isWaitingAt(RESOLVE_TASK);
    assertThat(task(incident, RESOLVE_TASK).getId()).isEqualTo(task.getId());
    assertThat(candidateGroups(task(incident, RESOLVE_TASK))).containsExactly("it-managers");

    IncidentView view = incidentService.view(incident.id());
    assertThat(view.escalationLevel()).isEqualTo(3);
    assertThat(view.assignedGroup()).isEqualTo("it-managers");
    assertThat(view.escalations())
        .extracting(
            Escalation::fromLevel, Escalation::toLevel, Escalation::fromGroup, Escalation::toGroup)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 2, "network-ops", "security-ops"),
            org.assertj.core.groups.Tuple.tuple(2, 3, "security-ops", "it-managers"));
    assertThat(view.escalations().get(0).slaDue()).isEqualTo(breached);
  }

  @Test
  void priorityOneNotifiesOnCallAtOnceAndGetsAPostIncidentReview() {
    Incident incident = report(Level.HIGH, Level.HIGH, "application");
    assertThat(incident.priority()).isEqualTo("P1");

    runJob(incident, "NotifyOnCallTask");
    assertThat(incidents.notifications(incident.id()))
        .singleElement()
        .asString()
        .startsWith("ON_CALL:on-call:P1 incident");
    assertThat(reload(incident).slaDue()).isEqualTo(MONDAY_NINE.plus(Duration.ofHours(4)));
    assertThat(candidateGroups(task(incident, RESOLVE_TASK))).containsExactly("app-support");

    resolveAndAskReporter(incident);
    incidentService.confirm(incident.id());

    Task review = task(incident, REVIEW_TASK);
    assertThat(candidateGroups(review)).containsExactly("it-managers");
    assertThat(reload(incident).status()).isEqualTo(IncidentStatus.CLOSED);
    taskService.complete(
        review.getId(), Map.of(REVIEW_SUMMARY, "Bad deploy", REVIEW_ACTIONS, "Canary releases"));
    assertThat(instance(incident)).isNull();
    assertThat(
            historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(incident.processInstanceId())
                .activityId("IncidentReviewedEndEvent")
                .count())
        .isEqualTo(1);
  }

  @Test
  void reporterConfirmationClosesTheIncidentWithoutReview() {
    Incident incident = report(Level.LOW, Level.HIGH, "hardware");
    resolveAndAskReporter(incident);
    assertThat(incidents.notifications(incident.id()))
        .singleElement()
        .asString()
        .contains("is resolved (FIXED)");

    IncidentView closed = incidentService.confirm(incident.id());

    assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(closed.closeReason()).isEqualTo("CONFIRMED");
    assertThat(closed.resolutionCode()).isEqualTo("FIXED");
    assertThat(instance(incident)).isNull();
  }

  @Test
  void reopenGoesBackToTheSameGroupAtTheSameLevel() {
    Incident incident = report(Level.MEDIUM, Level.LOW, "application");
    fireTimer(incident, "SlaReminderDueEvent");
    fireTimer(incident, "SlaTargetReachedEvent");
    runJob(incident, "AnnounceEscalationTask");
    assertThat(reload(incident).assignedGroup()).isEqualTo("database-ops");
    resolveAndAskReporter(incident);

    setClock(now().plus(Duration.ofHours(2)));
    IncidentView reopened = incidentService.reopen(incident.id(), "Still slow");

    assertThat(reopened.status()).isEqualTo(IncidentStatus.REOPENED);
    assertThat(reopened.reopenReason()).isEqualTo("Still slow");
    assertThat(reopened.resolutionCode()).as("the refused resolution is not current").isNull();
    assertThat(reopened.reopens())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo("Still slow");
              assertThat(r.previousResolutionCode()).isEqualTo("FIXED");
              assertThat(r.reopenedAt()).isEqualTo(now());
            });
    assertThat(reopened.assignedGroup()).isEqualTo("database-ops");
    assertThat(reopened.escalationLevel()).isEqualTo(2);
    // a fresh P4 window on database-ops' business calendar (Mon-Fri 08:00-18:00 Berlin)
    BusinessCalendar databaseOps =
        BusinessCalendar.parse("Europe/Berlin", "MON-FRI", "08:00-18:00", "");
    assertThat(reopened.slaDue())
        .isEqualTo(databaseOps.plus(now(), databaseOps.workingTimeOf("P5D")));
    Task again = task(incident, RESOLVE_TASK);
    assertThat(candidateGroups(again)).containsExactly("database-ops");
    assertThat(runtimeService.getVariable(incident.processInstanceId(), REOPEN_REASON))
        .isEqualTo("Still slow");
    assertThat(
            OffsetDateTime.parse(
                    (String) runtimeService.getVariable(incident.processInstanceId(), REMINDER_DUE))
                .toInstant())
        .isEqualTo(
            databaseOps.plus(now(), databaseOps.workingTimeOf("P5D").multipliedBy(3).dividedBy(4)));
  }

  @Test
  void silenceForThreeDaysClosesTheIncident() {
    Incident incident = report(Level.MEDIUM, Level.MEDIUM, "hardware");
    resolveAndAskReporter(incident);
    Instant resolvedAt = now();

    Instant closedAt = fireTimer(incident, "NoAnswerEvent");

    assertThat(closedAt).isEqualTo(resolvedAt.plus(Duration.ofDays(3)));
    Incident closed = reload(incident);
    assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(closed.closeReason()).isEqualTo("NO_ANSWER");
    assertThat(instance(incident)).isNull();
  }

  @Test
  void resolvedAlertClosesItsIncidentWhereverItIs() {
    String fingerprint = unique("fp");
    NewIncident alert =
        new NewIncident(
            VAGUE_TITLE,
            VAGUE_DESCRIPTION,
            "alertmanager",
            "db-1",
            Level.MEDIUM,
            Level.MEDIUM,
            null,
            KnownRequest.NONE,
            IncidentSource.ALERTMANAGER,
            fingerprint);
    List<AlertOutcome> opened =
        incidentService.receiveAlerts(List.of(new AlertIntake(fingerprint, true, alert)));
    Incident incident = incidents.find(opened.get(0).incidentId()).orElseThrow();
    assertThat(instance(incident)).isWaitingAt(TRIAGE_TASK);

    List<AlertOutcome> resolved =
        incidentService.receiveAlerts(List.of(new AlertIntake(fingerprint, false, alert)));

    assertThat(resolved.get(0).result()).isEqualTo(AlertOutcome.Result.RESOLVED);
    assertThat(resolved.get(0).status()).isEqualTo(IncidentStatus.CLOSED);
    assertThat(reload(incident).closeReason()).isEqualTo("ALERT_RESOLVED");
    assertThat(instance(incident)).isNull();
    assertThat(incidents.findOpenByFingerprint(fingerprint)).isEmpty();
  }

  @Test
  void resolvedAlertOfAPriorityOneIncidentStillGetsAReview() {
    String fingerprint = unique("fp");
    NewIncident alert =
        new NewIncident(
            "API down",
            null,
            "alertmanager",
            "api",
            Level.HIGH,
            Level.HIGH,
            "application",
            KnownRequest.NONE,
            IncidentSource.ALERTMANAGER,
            fingerprint);
    Incident incident =
        incidents
            .find(
                incidentService
                    .receiveAlerts(List.of(new AlertIntake(fingerprint, true, alert)))
                    .get(0)
                    .incidentId())
            .orElseThrow();
    runJob(incident, "NotifyOnCallTask");

    incidentService.receiveAlerts(List.of(new AlertIntake(fingerprint, false, alert)));

    assertThat(instance(incident)).isWaitingAt(ALERT_REVIEW_TASK);
    assertThat(candidateGroups(task(incident, ALERT_REVIEW_TASK))).containsExactly("it-managers");
    assertThat(task(incident, RESOLVE_TASK)).isNull();
  }
}
