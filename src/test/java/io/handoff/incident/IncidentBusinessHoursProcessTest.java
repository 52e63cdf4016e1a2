package io.handoff.incident;

import static io.handoff.incident.IncidentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.handoff.support.HandoffSpringTest;
import io.handoff.support.Prometheus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * SLA clocks in business time: P3–P5 count the working hours of the assigned group's calendar
 * (table incident-business-calendar: Monday to Friday 08:00-18:00 Berlin with German holidays for
 * network-ops), P1/P2 count around the clock; the response clock escalates a missed first response.
 */
@HandoffSpringTest
class IncidentBusinessHoursProcessTest extends IncidentTestSupport {

  /** Friday 2026-03-06 18:00 in Berlin (UTC+1). */
  static final Instant FRIDAY_SIX_PM = Instant.parse("2026-03-06T17:00:00Z");

  /** Missed first responses of this priority at level 1, as Prometheus scrapes them. */
  private static double responseBreaches(String priority) {
    return Prometheus.count(
        Prometheus.scrape(),
        "handoff_incidents_response_breaches_total",
        "priority=\"" + priority + "\"",
        "level=\"1\"");
  }

  /** Jobs of the incident that are due at the engine clock's current time. */
  private long dueJobs(Incident incident) {
    return managementService
        .createJobQuery()
        .processInstanceId(incident.processInstanceId())
        .executable()
        .count();
  }

  @Test
  void lowPriorityReportedOnFridayEveningEscalatesOnMondayInBusinessTime() {
    setClock(FRIDAY_SIX_PM);
    double breachesBefore = responseBreaches("P4");

    Incident incident = report(Level.MEDIUM, Level.LOW, "network");

    assertThat(incident.priority()).isEqualTo("P4");
    assertThat(incident.assignedGroup()).isEqualTo("network-ops");
    IncidentView view = incidentService.view(incident.id());
    assertThat(view.slaClock()).isEqualTo("BUSINESS");
    // respond within 8 working hours: Monday 08:00 + 8 h = Monday 16:00 Berlin
    assertThat(view.responseDue()).isEqualTo(Instant.parse("2026-03-09T15:00:00Z"));
    // resolve within 5 working days of 10 h: next Friday 18:00 Berlin, the real instant
    assertThat(view.slaDue()).isEqualTo(Instant.parse("2026-03-13T17:00:00Z"));
    assertThat(job(incident, "ResponseDueEvent").getDuedate().toInstant())
        .isEqualTo(view.responseDue());
    assertThat(job(incident, "SlaReminderDueEvent").getDuedate().toInstant())
        .as("75 %% of 50 working hours: Thursday 15:30 Berlin")
        .isEqualTo(Instant.parse("2026-03-12T14:30:00Z"));

    // the weekend passes: nothing is due
    setClock(Instant.parse("2026-03-08T22:00:00Z"));
    assertThat(dueJobs(incident)).isZero();
    setClock(Instant.parse("2026-03-09T14:59:00Z"));
    assertThat(dueJobs(incident)).isZero();

    Instant escalatedAt = fireTimer(incident, "ResponseDueEvent");

    assertThat(escalatedAt).isEqualTo(Instant.parse("2026-03-09T15:00:00Z"));
    IncidentView escalated = incidentService.view(incident.id());
    assertThat(escalated.responseBreached()).isTrue();
    assertThat(escalated.firstResponseAt()).isNull();
    assertThat(escalated.resolutionBreached()).isFalse();
    assertThat(escalated.escalationLevel()).isEqualTo(2);
    assertThat(escalated.assignedGroup()).isEqualTo("security-ops");
    assertThat(escalated.escalations())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo("RESPONSE");
              assertThat(e.fromGroup()).isEqualTo("network-ops");
              assertThat(e.toGroup()).isEqualTo("security-ops");
              assertThat(e.slaDue()).isEqualTo(Instant.parse("2026-03-09T15:00:00Z"));
              assertThat(e.escalatedAt()).isEqualTo(escalatedAt);
            });
    assertThat(escalated.slaDue())
        .as("a missed response leaves the resolution clock running")
        .isEqualTo(Instant.parse("2026-03-13T17:00:00Z"));
    assertThat(candidateGroups(task(incident, RESOLVE_TASK))).containsExactly("security-ops");
    assertThat(responseBreaches("P4")).isEqualTo(breachesBefore + 1);
    incidentOverRest(incident)
        .body("slaClock", equalTo("BUSINESS"))
        .body("responseDue", equalTo("2026-03-09T15:00:00Z"))
        .body("responseBreached", equalTo(true))
        .body("firstResponseAt", nullValue())
        .body("slaDue", equalTo("2026-03-13T17:00:00Z"))
        .body("resolutionBreached", equalTo(false))
        .body("escalations[0].kind", equalTo("RESPONSE"));
    assertThat(instance(incident))
        .hasPassed("EscalateMissedResponseTask")
        .isWaitingAt(RESOLVE_TASK, "SlaReminderDueEvent", "AnnounceResponseEscalationTask");
  }

  @Test
  void publicHolidaysAndTheWeekendDoNotCountForTheResponseClock() {
    // Thursday 2026-04-02 18:00 Berlin (UTC+2); Good Friday and Easter Monday are holidays
    setClock(Instant.parse("2026-04-02T16:00:00Z"));

    Incident incident = report(Level.MEDIUM, Level.LOW, "network");

    IncidentView view = incidentService.view(incident.id());
    assertThat(view.responseDue()).isEqualTo(Instant.parse("2026-04-07T14:00:00Z"));
    setClock(Instant.parse("2026-04-06T16:00:00Z")); // Easter Monday afternoon
    assertThat(dueJobs(incident)).isZero();
    assertThat(fireTimer(incident, "ResponseDueEvent"))
        .isEqualTo(Instant.parse("2026-04-07T14:00:00Z"));
    assertThat(incidentService.view(incident.id()).responseBreached()).isTrue();
  }

  @Test
  void aClaimBeforeTheResponseTargetIsTheFirstResponseAndNothingEscalates() {
    setClock(FRIDAY_SIX_PM);
    Incident incident = report(Level.MEDIUM, Level.LOW, "network");

    setClock(Instant.parse("2026-03-09T08:30:00Z"));
    taskService.claim(task(incident, RESOLVE_TASK).getId(), "nina");
    fireTimer(incident, "ResponseDueEvent");

    IncidentView view = incidentService.view(incident.id());
    assertThat(view.firstResponseAt()).isEqualTo(Instant.parse("2026-03-09T08:30:00Z"));
    assertThat(view.firstResponseBy()).isEqualTo("nina");
    assertThat(view.responseBreached()).isFalse();
    assertThat(view.escalationLevel()).isEqualTo(1);
    assertThat(view.escalations()).isEmpty();
    assertThat(instance(incident)).hasPassed("ResponseGivenEndEvent");
    assertThat(task(incident, RESOLVE_TASK).getAssignee()).isEqualTo("nina");
    incidentOverRest(incident)
        .body("responseDue", equalTo("2026-03-09T15:00:00Z"))
        .body("firstResponseAt", equalTo("2026-03-09T08:30:00Z"))
        .body("firstResponseBy", equalTo("nina"))
        .body("responseBreached", equalTo(false))
        .body("escalationLevel", equalTo(1));
  }

  @Test
  void highPrioritiesRunAroundTheClockOverTheWeekend() {
    setClock(FRIDAY_SIX_PM);

    Incident incident = report(Level.HIGH, Level.MEDIUM, "network");

    assertThat(incident.priority()).isEqualTo("P2");
    IncidentView view = incidentService.view(incident.id());
    assertThat(view.slaClock()).isEqualTo("24x7");
    assertThat(view.responseDue()).isEqualTo(FRIDAY_SIX_PM.plus(Duration.ofMinutes(30)));
    assertThat(view.slaDue()).isEqualTo(FRIDAY_SIX_PM.plus(Duration.ofHours(8)));
  }

  @Test
  void aGroupWithItsOwnCalendarCountsInItsTimeZone() {
    // Friday 18:00 Berlin is 12:00 in New York, where application support works 09:00-17:00
    setClock(FRIDAY_SIX_PM);

    Incident incident = report(Level.MEDIUM, Level.LOW, "application");

    assertThat(incident.assignedGroup()).isEqualTo("app-support");
    IncidentView view = incidentService.view(incident.id());
    // 5 h are left on Friday in New York (EST, UTC-5), 3 h on Monday; US summer time starts on
    // 8 March 2026, so Monday 09:00 in New York is 13:00Z and 3 h later is 16:00Z
    assertThat(view.responseDue()).isEqualTo(Instant.parse("2026-03-09T16:00:00Z"));
  }

  @Test
  void escalationStartsTheNextLevelsWindowOnTheNextGroupsCalendar() {
    setClock(Instant.parse("2026-03-02T09:00:00Z")); // Monday 10:00 Berlin
    Incident incident = report(Level.MEDIUM, Level.MEDIUM, "network");
    assertThat(incident.priority()).isEqualTo("P3");
    taskService.claim(task(incident, RESOLVE_TASK).getId(), "nina");
    fireTimer(incident, "SlaReminderDueEvent");

    Instant due = fireTimer(incident, "SlaTargetReachedEvent");

    assertThat(due).isEqualTo(Instant.parse("2026-03-05T09:00:00Z")); // Thursday 10:00 Berlin
    IncidentView view = incidentService.view(incident.id());
    assertThat(view.assignedGroup()).isEqualTo("security-ops");
    assertThat(view.resolutionBreached()).isTrue();
    // security-ops works every day 06:00-22:00 Berlin: 3 days of 16 h from Thursday 10:00 Berlin
    // end on Sunday 10:00 Berlin
    assertThat(view.slaDue()).isEqualTo(Instant.parse("2026-03-08T09:00:00Z"));
  }
}
